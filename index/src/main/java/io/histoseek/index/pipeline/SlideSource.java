package io.histoseek.index.pipeline;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.slide.SlideException;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.index.tile.TileReader;
import io.histoseek.index.tile.TissueDetector;
import io.histoseek.model.Preprocessing;

import java.nio.file.Path;
import java.util.List;

/** Opens slides and cuts them into tissue tiles the way both indexing and on-the-fly queries do. */
final class SlideSource {
    private final TilingOptions options;

    SlideSource(TilingOptions options) {
        this.options = options;
    }

    Prepared prepare(Path file) throws SlideException {
        return new Prepared(OpenSlideImage.open(file), options);
    }

    /** A failure's reason for the archive: the message without the file name the slide column already has. */
    static String reason(Exception e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        message = message.lines().findFirst().orElse(message);
        int separator = message.indexOf(": ");
        if (e instanceof SlideException && separator > 0) {
            return message.substring(separator + 2);
        }
        return message;
    }

    /** An open slide with its scale; closing it closes the slide. */
    static final class Prepared implements AutoCloseable {
        private final OpenSlideImage slide;
        private final PhysicalScale scale;
        private final double minTissue;

        private Prepared(OpenSlideImage slide, TilingOptions options) {
            this.slide = slide;
            this.scale = PhysicalScale.of(slide, options.assumeMpp());
            this.minTissue = options.tissueThreshold() != null ? options.tissueThreshold() : TileGrid.DEFAULT_MIN_TISSUE;
        }

        OpenSlideImage slide() {
            return slide;
        }

        /** The scale the slide is tiled at, with its source (the archive will record it per slide). */
        PhysicalScale scale() {
            return scale;
        }

        SlideMetadata metadata(String storedPath, long size, long mtime) {
            return new SlideMetadata(storedPath, size, mtime, slide.quickHash().orElse(null), slide.vendor(),
                    scale.known() ? scale.mpp() : 0, scale.known() ? scale.source().label() : "", slide.width(), slide.height());
        }

        /** The tissue tiles; a slide with an unknown or too coarse scale is refused with the reason. */
        List<TilePosition> tilePositions() throws SlideException {
            if (!scale.known()) {
                // Refused by the grid's own check, before tissue detection (which needs a scale) runs.
                TileGrid.plan(slide, scale);
            }
            return TileGrid.plan(slide, scale, TissueDetector.detect(slide, TileGrid.maskScale(scale)), minTissue, false)
                    .tiles();
        }

        /** A reader for one thread: reads and normalizes tiles into the flow's buffers. */
        TileLoader<TilePosition> newLoader() {
            TileReader reader = new TileReader(slide);
            int[] scratch = new int[Preprocessing.PIXELS];
            return (position, tensor) -> reader.readNormalized(position, scratch, tensor, 0);
        }

        /**
         * The tile as stored: its vector L2-normalized, because the archive compares tiles by cosine
         * and the vector engine takes the dot product of normalized vectors as that cosine.
         */
        static NewTile newTile(TilePosition position, float[] vector) {
            return new NewTile(position.x(), position.y(), position.size(), position.tissueFraction(), normalized(vector));
        }

        /** The vector scaled to length 1 (all zeros stays zeros). */
        static float[] normalized(float[] vector) {
            double sum = 0;
            for (float v : vector) {
                sum += (double) v * v;
            }
            float scale = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0;
            float[] out = new float[vector.length];
            for (int i = 0; i < vector.length; i++) {
                out[i] = vector[i] * scale;
            }
            return out;
        }

        @Override
        public void close() {
            slide.close();
        }
    }
}
