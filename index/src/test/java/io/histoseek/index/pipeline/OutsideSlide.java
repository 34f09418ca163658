package io.histoseek.index.pipeline;

import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.model.load.Encoders;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The slide the on-the-fly tests query: the TCGA frozen section, in no archive, tiled at an
 * assumed 0.5 um/px (over a hundred tissue tiles), with an embedder of the tiny model.
 */
record OutsideSlide(SlideQueryEmbedder embedder, List<TilePosition> tissue) implements AutoCloseable {
    static final Path TCGA = SharedSlides.get(SharedSlides.TCGA);
    private static final TilingOptions AT_HALF_MICRON = new TilingOptions(null, 0.5);

    static OutsideSlide open() throws Exception {
        Path checkpoint = SharedData.tinyCheckpoint();
        SlideQueryEmbedder embedder = new SlideQueryEmbedder(new EncoderSettings(checkpoint, OptionalInt.of(3), AT_HALF_MICRON),
                Encoders.inspect(checkpoint, OptionalInt.of(3)));
        try (SlideSource.Prepared slide = new SlideSource(AT_HALF_MICRON).prepare(TCGA)) {
            return new OutsideSlide(embedder, slide.tilePositions());
        }
    }

    @Override
    public void close() {
        embedder.close();
    }
}
