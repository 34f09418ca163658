package io.histoseek.index.pipeline;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.search.QueryEmbedder;
import io.histoseek.index.search.SearchException;
import io.histoseek.index.slide.SlideException;
import io.histoseek.model.ModelIdentity;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.index.tile.TileReader;
import io.histoseek.model.CheckpointException;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.Preprocessing;
import io.histoseek.model.TileEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Embeds a region of a slide the archive does not cover, with the archive's own checkpoint and
 * tiling: the slide is cut on the same grid with the same tissue threshold as indexing would,
 * so a query tile is exactly the tile indexing would have stored. The encoder is opened on the
 * first query that needs it (most queries hit stored tiles); the last slide's grid is kept, so
 * clicking around a new slide does not repeat tissue detection.
 */
public final class SlideQueryEmbedder implements QueryEmbedder, AutoCloseable {
    private final EncoderSettings settings;
    private final ModelIdentity archiveModel;
    private final SlideSource source;
    private TileEncoder encoder;
    private CachedSlide cached;

    private record CachedSlide(Path file, long mtime, SlideSource.Prepared slide, List<TilePosition> tiles) {}

    public SlideQueryEmbedder(EncoderSettings settings, ModelIdentity archiveModel) {
        this.settings = settings;
        this.archiveModel = archiveModel;
        this.source = new SlideSource(settings.tiling());
    }

    /** With the checkpoint and tiling the archive was indexed with (or another place of the same checkpoint). */
    public static SlideQueryEmbedder forArchive(Archive store, Optional<Path> checkpoint) {
        return forArchive(store, checkpoint, null);
    }

    /** As {@link #forArchive(Archive, Optional)}, with a scale for query slides that record none (null: none). */
    public static SlideQueryEmbedder forArchive(Archive store, Optional<Path> checkpoint, Double assumeMpp) {
        ModelIdentity model = store.model().orElseThrow(() ->
                new SearchException(store.address() + ": archive holds no vectors yet (index some slides first)"));
        EncoderSettings settings = EncoderSettings.of(store, checkpoint);
        if (assumeMpp != null) {
            settings = new EncoderSettings(settings.checkpoint(), settings.heads(),
                    new TilingOptions(settings.tiling().tissueThreshold(), assumeMpp));
        }
        return new SlideQueryEmbedder(settings, model);
    }

    @Override
    public synchronized Optional<float[]> embed(Path slide, long x, long y, long width, long height) {
        try {
            CachedSlide prepared = prepare(slide);
            long slideWidth = prepared.slide().slide().width();
            long slideHeight = prepared.slide().slide().height();
            if (x < 0 || y < 0 || x >= slideWidth || y >= slideHeight) {
                throw new SearchException(slide + ": point (" + x + ", " + y + ") lies outside the slide ("
                        + slideWidth + "x" + slideHeight + " level-0 pixels)");
            }
            long w = Math.max(1, width);
            long h = Math.max(1, height);
            List<TilePosition> covered = prepared.tiles().stream()
                    .filter(t -> t.x() < x + w && t.x() + t.size() > x && t.y() < y + h && t.y() + t.size() > y)
                    .toList();
            if (covered.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(mean(encode(prepared, covered)));
        } catch (SlideException e) {
            throw new SearchException(oneLine(e));
        } catch (CheckpointException e) {
            throw new SearchException(e.getMessage());
        }
    }

    private CachedSlide prepare(Path file) throws SlideException {
        long mtime = modified(file);
        if (cached != null && cached.file().equals(file) && cached.mtime() == mtime) {
            return cached;
        }
        if (cached != null) {
            cached.slide().close();
            cached = null;
        }
        SlideSource.Prepared slide = source.prepare(file);
        try {
            cached = new CachedSlide(file, mtime, slide, slide.tilePositions());
            return cached;
        } catch (SlideException | RuntimeException e) {
            slide.close();
            throw e;
        }
    }

    private float[][] encode(CachedSlide prepared, List<TilePosition> tiles) throws SlideException, CheckpointException {
        TileReader reader = new TileReader(prepared.slide().slide());
        int[] scratch = new int[Preprocessing.PIXELS];
        float[][] tensors = new float[tiles.size()][Preprocessing.TENSOR_LENGTH];
        for (int i = 0; i < tiles.size(); i++) {
            reader.readNormalized(tiles.get(i), scratch, tensors[i], 0);
        }
        return encoder().encode(tensors);
    }

    private TileEncoder encoder() throws CheckpointException {
        if (encoder == null) {
            TileEncoder opened = Encoders.open(settings.checkpoint(), settings.encoderOptions());
            ModelIdentity identity = opened.identity();
            if (!identity.equals(archiveModel)) {
                opened.close();
                throw new SearchException(settings.checkpoint() + ": not the checkpoint the archive was made with ("
                        + identity.describe() + " vs " + archiveModel.describe() + ")");
            }
            encoder = opened;
        }
        return encoder;
    }

    private static float[] mean(float[][] vectors) {
        float[] sum = new float[vectors[0].length];
        for (float[] vector : vectors) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += vector[i];
            }
        }
        return sum;
    }

    private static long modified(Path file) throws SlideException {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new SlideException(file, "no such file");
        }
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public synchronized void close() {
        if (cached != null) {
            cached.slide().close();
            cached = null;
        }
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
