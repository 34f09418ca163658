package io.histoseek.index.pipeline;

import io.histoseek.model.support.OneLine;
import io.histoseek.index.Limits;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.search.QueryEmbedder;
import io.histoseek.index.search.SearchException;
import io.histoseek.index.slide.PhysicalScale;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Embeds a region of a slide the archive does not cover, with the archive's own checkpoint and
 * tiling: the slide is cut on the same grid with the same tissue threshold as indexing would,
 * so a query tile is exactly the tile indexing would have stored. The work is bounded by
 * {@link Limits}: at most {@link Limits#QUERY_TILES} tiles (an even sample of a larger region),
 * no box longer than {@link Limits#QUERY_BOX_MICRONS}. The encoder is opened on the first query
 * that needs it (most queries hit stored tiles); the last slide's grid is kept, so clicking around
 * a new slide does not repeat tissue detection.
 */
public final class SlideQueryEmbedder implements QueryEmbedder, AutoCloseable {
    private final EncoderSettings settings;
    private final ModelIdentity archiveModel;
    private final SlideSource source;
    private TileEncoder encoder;
    private CachedSlide cached;
    private Consumer<RegionEmbedding> onSampled = region -> {};

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

    /** Tells {@code listener} of each query that embedded a sample instead of every tile (for a note to the user). */
    public synchronized void onSampled(Consumer<RegionEmbedding> listener) {
        this.onSampled = listener;
    }

    @Override
    public synchronized Optional<float[]> embed(Path slide, long x, long y, long width, long height) {
        return embedRegion(slide, x, y, width, height).map(region -> {
            if (region.sampled()) {
                onSampled.accept(region);
            }
            return region.vector();
        });
    }

    /**
     * The region's embedding with how it was made; empty when the region holds no tissue. A box
     * longer than {@link Limits#QUERY_BOX_MICRONS} on a side is refused; a region of more than
     * {@link Limits#QUERY_TILES} tissue tiles is embedded from an even sample of them, in batches,
     * so memory stays bounded whatever the box.
     */
    public synchronized Optional<RegionEmbedding> embedRegion(Path slide, long x, long y, long width, long height) {
        try {
            CachedSlide prepared = prepare(slide);
            long slideWidth = prepared.slide().slide().width();
            long slideHeight = prepared.slide().slide().height();
            if (x < 0 || y < 0 || x >= slideWidth || y >= slideHeight) {
                throw new SearchException(slide + ": point (" + x + ", " + y + ") lies outside the slide ("
                        + slideWidth + "x" + slideHeight + " level-0 pixels)");
            }
            requireSmallEnough(slide, prepared.slide().scale().mpp(), width, height);
            long w = Math.max(1, width);
            long h = Math.max(1, height);
            List<TilePosition> covered = prepared.tiles().stream()
                    .filter(t -> t.x() < x + w && t.x() + t.size() > x && t.y() < y + h && t.y() + t.size() > y)
                    .toList();
            if (covered.isEmpty()) {
                return Optional.empty();
            }
            List<TilePosition> embedded = evenSample(covered, Limits.QUERY_TILES);
            return Optional.of(new RegionEmbedding(meanOfNormalized(prepared, embedded), covered.size(), embedded.size()));
        } catch (SlideException e) {
            throw new SearchException(OneLine.of(e));
        } catch (CheckpointException e) {
            throw new SearchException(e.getMessage());
        }
    }

    /**
     * Every tissue tile of the slide (the grid and threshold indexing would use), embedded a batch
     * at a time and L2-normalized, for the heat map of a slide outside the archive. A slide of more
     * than {@code maxTiles} tissue tiles is refused in one line (index it instead). {@code progress}
     * hears (tiles done, tiles in all) after each batch; {@code cancelled} is checked before each
     * batch and inside the encoder, which then throws {@link CancellationException}.
     */
    public synchronized SlideEmbedding embedSlide(Path slide, int maxTiles, BiConsumer<Integer, Integer> progress,
                                                  BooleanSupplier cancelled) {
        try {
            CachedSlide prepared = prepare(slide);
            List<TilePosition> tiles = prepared.tiles();
            if (tiles.size() > maxTiles) {
                throw new SearchException(String.format(Locale.ROOT, "%s: %,d tissue tiles; a slide outside the archive is"
                        + " embedded on the fly up to %,d (index it to see its heat map)", slide, tiles.size(), maxTiles));
            }
            TileEncoder encoder = encoder();
            TileReader reader = new TileReader(prepared.slide().slide());
            int[] scratch = new int[Preprocessing.PIXELS];
            float[][] vectors = new float[tiles.size()][];
            float[][] batch = new float[Math.max(1, Math.min(encoder.batchSize(), tiles.size()))][Preprocessing.TENSOR_LENGTH];
            for (int start = 0; start < tiles.size(); start += batch.length) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException(slide + ": embedding cancelled");
                }
                int count = Math.min(batch.length, tiles.size() - start);
                for (int i = 0; i < count; i++) {
                    reader.readNormalized(tiles.get(start + i), scratch, batch[i], 0);
                }
                float[][] embedded = encoder.encode(count == batch.length ? batch : Arrays.copyOf(batch, count), cancelled);
                for (int i = 0; i < count; i++) {
                    vectors[start + i] = SlideSource.Prepared.normalized(embedded[i]);
                }
                progress.accept(start + count, tiles.size());
            }
            return new SlideEmbedding(tiles, vectors);
        } catch (SlideException e) {
            throw new SearchException(OneLine.of(e));
        } catch (CheckpointException e) {
            throw new SearchException(e.getMessage());
        }
    }

    private static void requireSmallEnough(Path slide, double mpp, long width, long height) {
        long most = Limits.queryBoxPixels(mpp);
        if (width > most || height > most) {
            throw new SearchException(String.format(Locale.ROOT,
                    "%s: rectangle %dx%d level-0 pixels (%.1f x %.1f mm) is larger than the %.0f x %.0f mm an on-the-fly query"
                            + " may cover (%d pixels a side at %s um/px); draw a smaller one, or index the slide",
                    slide, width, height, width * mpp / 1000, height * mpp / 1000, Limits.QUERY_BOX_MICRONS / 1000,
                    Limits.QUERY_BOX_MICRONS / 1000, most, PhysicalScale.assumed(mpp).describe()));
        }
    }

    /** At most {@code most} of the tiles, spread evenly over the list (which is in grid order). */
    static List<TilePosition> evenSample(List<TilePosition> tiles, int most) {
        if (tiles.size() <= most) {
            return tiles;
        }
        List<TilePosition> sample = new ArrayList<>(most);
        for (int i = 0; i < most; i++) {
            sample.add(tiles.get((int) ((long) i * tiles.size() / most)));
        }
        return sample;
    }

    /**
     * Reads and embeds the tiles a batch at a time, adding up their L2-normalized vectors (as the
     * archive stores them, so a region's query weighs its tiles as a stored region's does).
     */
    private float[] meanOfNormalized(CachedSlide prepared, List<TilePosition> tiles) throws SlideException, CheckpointException {
        TileEncoder encoder = encoder();
        TileReader reader = new TileReader(prepared.slide().slide());
        int[] scratch = new int[Preprocessing.PIXELS];
        float[][] batch = new float[Math.min(encoder.batchSize(), tiles.size())][Preprocessing.TENSOR_LENGTH];
        float[] sum = new float[encoder.dimension()];
        for (int start = 0; start < tiles.size(); start += batch.length) {
            int count = Math.min(batch.length, tiles.size() - start);
            for (int i = 0; i < count; i++) {
                reader.readNormalized(tiles.get(start + i), scratch, batch[i], 0);
            }
            float[][] vectors = encoder.encode(count == batch.length ? batch : Arrays.copyOf(batch, count));
            for (float[] vector : vectors) {
                float[] unit = SlideSource.Prepared.normalized(vector);
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += unit[d];
                }
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= tiles.size();
        }
        return sum;
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

    private static long modified(Path file) throws SlideException {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new SlideException(file, "no such file");
        }
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
