package io.histoseek.cluster.bench;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * bench/solr.sh's measuring half: the same synthetic 1536-d vectors (../shared/bench/ann_data.py)
 * into any archive address through the archive API (a folder: the local Lucene archive; solr://:
 * SolrCloud), then k-NN latency, q/s and recall@10 against the exact neighbours. One class for
 * both, so both pay the same client-side costs.
 * <pre>
 *   build  DATA N ADDRESS            slides of 1,000 tiles, one commit each: import tiles/s
 *   search DATA N ADDRESS THREADS Q  Q queries (after 20 warm-up ones) from THREADS threads
 * </pre>
 */
public final class SolrBench {
    private static final int D = 1536;
    private static final int PER_SLIDE = 1000;
    private static final int COLUMNS = 40;
    private static final int TILE = 224;
    private static final int WARM_UP = 20;

    private SolrBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        ArchiveAddress address = ArchiveAddress.of(args[3]);
        String name = args.length > 6 ? args[6] : address.isFolder() ? "local" : "solr";
        switch (args[0]) {
            case "build" -> build(data, n, address, name);
            case "search" -> search(data, n, address, Integer.parseInt(args[4]), Integer.parseInt(args[5]), name);
            default -> throw new IllegalArgumentException("build or search, not " + args[0]);
        }
    }

    static void build(Path data, int n, ArchiveAddress address, String name) throws IOException {
        WriterOptions options = WriterOptions.of("bench").creatingWithRoot(Path.of("/tmp/histoseek-bench-slides")).spreading(2, 2);
        try (ArchiveWriter writer = Archives.openForWriting(address, options);
             FileChannel base = FileChannel.open(data.resolve("base.f32"))) {
            writer.bindModel(new ModelIdentity("ann_data.py", "none", D));
            long t0 = System.nanoTime();
            for (int s = 0; s * PER_SLIDE < n; s++) {
                float[][] vectors = rows(base, (long) s * PER_SLIDE, Math.min(PER_SLIDE, n - s * PER_SLIDE));
                List<NewTile> tiles = new ArrayList<>(vectors.length);
                for (int i = 0; i < vectors.length; i++) {
                    tiles.add(new NewTile((long) (i % COLUMNS) * TILE, (long) (i / COLUMNS) * TILE, TILE, 0.8f, vectors[i]));
                }
                writer.commitSlide(new SlideMetadata("case-" + s + ".svs", 1, 1, "q" + s, "bench", 0.5, "slide", 40L * TILE, 40L * TILE), tiles);
            }
            double importSeconds = seconds(t0);
            t0 = System.nanoTime();
            writer.compact();
            double compactSeconds = seconds(t0);
            System.out.printf(Locale.ROOT, "RESULT %s-build n=%d import_s=%.1f import_tiles_per_s=%.0f compact_s=%.1f%n",
                    name, n, importSeconds, n / importSeconds, compactSeconds);
            if (!Arrays.equals(rows(base, 0, 1)[0], writer.vectors().vector(1).orElseThrow())) {
                throw new IllegalStateException("tile 1 does not hold vector 0");
            }
        }
    }

    static void search(Path data, int n, ArchiveAddress address, int threads, int count, String name) throws Exception {
        float[][] queries = rows(data.resolve("queries.f32"), 0, WARM_UP + count);
        int[][] truth = truth(data.resolve("gt_" + n + ".i32"), queries.length);
        try (Archive archive = Archives.openForReading(address)) {
            if (archive.vectors().count() != n) throw new IllegalStateException(address + " holds " + archive.vectors().count() + " vectors, not " + n);
            for (int q = 0; q < WARM_UP; q++) archive.vectors().search(queries[q], 10, 0, VectorFilter.NONE);
            long[] nanos = new long[count];
            double[] recall = new double[count];
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int q = WARM_UP + i;
                int slot = i;
                running.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    List<Neighbor> hits = archive.vectors().search(queries[q], 10, 0, VectorFilter.NONE);
                    nanos[slot] = System.nanoTime() - start;
                    long found = hits.stream().filter(hit -> contains(truth[q], (int) hit.tileId() - 1)).count();
                    recall[slot] = found / 10.0;
                }));
            }
            for (Future<?> f : running) f.get();
            double wall = seconds(t0);
            pool.shutdown();
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "RESULT %s-search n=%d threads=%d queries=%d p50_ms=%.1f p95_ms=%.1f qps=%.1f recall10=%.3f%n",
                    name, n, threads, count, sorted[count / 2] / 1e6, sorted[(int) (count * 0.95)] / 1e6, count / wall,
                    Arrays.stream(recall).average().orElse(0));
        }
    }

    private static boolean contains(int[] ids, int id) {
        for (int i = 0; i < 10; i++) if (ids[i] == id) return true;
        return false;
    }

    private static float[][] rows(Path file, long first, int rows) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return rows(channel, first, rows);
        }
    }

    private static float[][] rows(FileChannel channel, long first, int rows) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(rows * D * 4).order(ByteOrder.LITTLE_ENDIAN);
        long position = first * D * 4;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) throw new IOException("vectors end before row " + (first + rows));
        }
        buffer.flip();
        float[][] out = new float[rows][D];
        var floats = buffer.asFloatBuffer();
        for (float[] row : out) floats.get(row);
        return out;
    }

    private static int[][] truth(Path file, int queries) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int k = all.remaining() / 4 / 1000;
        int[][] out = new int[queries][10];
        for (int q = 0; q < queries; q++) for (int j = 0; j < 10; j++) out[q][j] = all.getInt((q * k + j) * 4);
        return out;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
