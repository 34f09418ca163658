package io.histoseek.index.bench;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.VectorEngine;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.archive.local.LuceneSettings;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.model.ModelIdentity;
import org.apache.lucene.util.VectorUtil;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The archive benchmark, our side (bench/archive.sh runs it beside the native hnswlib peer on the
 * same vectors from ../shared/bench/ann_data.py). Vector i becomes tile id i + 1 of slide
 * {@code case-(i / 1000).svs}, at column i % 40 and row (i % 1000) / 40 of a 224 px grid.
 * Engine parameters come from {@link LuceneSettings#current()} (system properties). Modes:
 * <pre>
 * build  DATA N ARCHIVE   import through the archive writer (a commit per slide), then the end-of-run merge; disk use
 * open   DATA ARCHIVE     open for reading (in a fresh JVM, and again) and the first query: time and heap
 *                         (bench/archive.sh runs it cold and warm), then 999 more queries
 * search DATA N ARCHIVE   single-thread sweep of the candidate count: recall@10 against the exact ground truth,
 *                         q/s, p50/p95; 1% and 50% slide filters against exact filtered neighbours; point search
 *                         end to end (SQLite lookups, vector read, search, hits' tiles)
 * remove ARCHIVE          remove one 1,000-tile slide, then index it again
 * </pre>
 * Prints RESULT and SWEEP lines.
 */
public final class ArchiveBench {
    static final int D = 1536;
    static final int PER_SLIDE = 1000;
    static final int COLUMNS = 40;
    static final int TILE = 224;
    static final int[] CANDIDATES = {10, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};

    private ArchiveBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build" -> build(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            case "open" -> open(Path.of(args[1]), Path.of(args[2]));
            case "search" -> search(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            case "remove" -> remove(Path.of(args[1]));
            default -> throw new IllegalArgumentException("mode: build, open, search or remove");
        }
    }

    static SlideMetadata slide(int s) {
        return new SlideMetadata("case-" + s + ".svs", 1L << 30, 0, "qh" + s, "aperio", 0.5, "slide",
                (long) COLUMNS * TILE, (long) (PER_SLIDE / COLUMNS) * TILE);
    }

    static List<NewTile> tiles(float[][] vectors) {
        List<NewTile> tiles = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            tiles.add(new NewTile((long) (i % COLUMNS) * TILE, (long) (i / COLUMNS) * TILE, TILE, 0.8f, vectors[i]));
        }
        return tiles;
    }

    static void build(Path data, int n, Path archive) throws IOException {
        LuceneSettings settings = LuceneSettings.current();
        String label = String.format(Locale.ROOT, "encoding=%s m=%d beam=%d", settings.encoding(), settings.maxConn(), settings.beamWidth());
        try (ArchiveWriter writer = Archives.openForWriting(archive,
                WriterOptions.of("bench").creatingWithRoot(archive.resolveSibling("slides")));
             FileChannel base = FileChannel.open(data.resolve("base.f32"))) {
            writer.bindModel(new ModelIdentity("ann_data.py", "none", D));
            long t0 = System.nanoTime();
            for (int s = 0; s * PER_SLIDE < n; s++) {
                writer.commitSlide(slide(s), tiles(readRows(base, (long) s * PER_SLIDE, Math.min(PER_SLIDE, n - s * PER_SLIDE))));
            }
            double importSeconds = seconds(t0);
            int segments = writer.vectors().segments();
            t0 = System.nanoTime();
            writer.compact();
            double mergeSeconds = seconds(t0);
            System.out.printf(Locale.ROOT, "RESULT histoseek-build n=%d %s import_s=%.1f import_tiles_per_s=%.0f"
                            + " segments_before_merge=%d merge_s=%.1f with_merge_tiles_per_s=%.0f%n", n, label, importSeconds,
                    n / importSeconds, segments, mergeSeconds, n / (importSeconds + mergeSeconds));
            float[] first = readRows(base, 0, 1)[0];
            if (!Arrays.equals(first, writer.vectors().vector(1).orElseThrow())) {
                throw new IllegalStateException("tile 1 does not hold vector 0");
            }
        }
        Map<String, Long> bytes = new TreeMap<>();
        try (var files = Files.walk(archive)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String kind = name.startsWith("archive.db") ? "sqlite" : name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
                bytes.merge(kind, Files.size(file), Long::sum);
            }
        }
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder parts = new StringBuilder();
        bytes.forEach((kind, size) -> parts.append(String.format(Locale.ROOT, " %s=%.0f", kind, size / (double) n)));
        System.out.printf(Locale.ROOT, "RESULT histoseek-disk n=%d bytes_per_tile=%.0f total_MB=%.0f per_tile_by_kind:%s%n",
                n, total / (double) n, total / 1e6, parts);
    }

    /** Times the open and the first query, measures the heap, then runs the other 999 queries (for the page cache figure). */
    static void open(Path data, Path archive) throws IOException {
        float[][] queries = readRows(data.resolve("queries.f32"), 0, 1000);
        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        try (Archive opened = Archives.openForReading(archive)) {
            long vectors = opened.vectors().count();
            double openMs = seconds(t0) * 1000;
            t0 = System.nanoTime();
            int hits = opened.vectors().search(queries[0], 10, 0, VectorFilter.NONE).size();
            double firstQueryMs = seconds(t0) * 1000;
            double heapMb = (usedHeapAfterGc() - heapBefore) / 1e6;
            System.out.printf(Locale.ROOT, "RESULT histoseek-open vectors=%d open_ms=%.0f first_query_ms=%.0f hits=%d heap_after_open_MB=%.1f%n",
                    vectors, openMs, firstQueryMs, hits, heapMb);
            for (float[] query : queries) opened.vectors().search(query, 10, 0, VectorFilter.NONE);
        }
        // Again in the same JVM: the archive's own open, without loading classes and natives.
        t0 = System.nanoTime();
        try (Archive opened = Archives.openForReading(archive)) {
            opened.vectors().count();
            System.out.printf(Locale.ROOT, "RESULT histoseek-reopen reopen_ms=%.0f%n", seconds(t0) * 1000);
        }
    }

    static void search(Path data, int n, Path archive) throws IOException {
        float[][] queries = readRows(data.resolve("queries.f32"), 0, 1000);
        int[][] truth = readTruth(data.resolve("gt_" + n + ".i32"), queries.length);
        try (Archive opened = Archives.openForReading(archive)) {
            VectorEngine engine = opened.vectors();
            warmUp(engine, queries);
            for (int candidates : CANDIDATES) {
                Measured m = measure(engine, queries, truth, candidates, VectorFilter.NONE, 1);
                System.out.printf(Locale.ROOT, "SWEEP histoseek candidates=%d recall=%.4f qps=%.1f p50_ms=%.3f p95_ms=%.3f cpu_qps=%.1f%n",
                        candidates, m.recall, m.qps, m.p50, m.p95, m.cpuQps);
            }
            int slides = (n + PER_SLIDE - 1) / PER_SLIDE;
            filtered(data, n, opened, queries, "1%", Math.max(1, slides / 100), slide -> slide < Math.max(1, slides / 100));
            filtered(data, n, opened, queries, "50%", slides / 2, slide -> slide % 2 == 1);
            pointSearch(opened, slides);
        }
    }

    record Measured(double recall, double qps, double p50, double p95, double cpuQps, int fewest) {
    }

    /**
     * Searches until the JIT has compiled the scoring code with the vector API (C2 takes a few
     * thousand queries; before that a query costs several times more): at least
     * {@value #WARM_UP_QUERIES} queries and {@value #WARM_UP_SECONDS} s. The first queries of a fresh
     * JVM are measured apart, by {@code open} (first query).
     */
    static void warmUp(VectorEngine engine, float[][] queries) {
        long start = System.nanoTime();
        for (int i = 0; i < WARM_UP_QUERIES || seconds(start) < WARM_UP_SECONDS; i++) {
            engine.search(queries[i % queries.length], 10, CANDIDATES[i % CANDIDATES.length], VectorFilter.NONE);
        }
    }

    static final int WARM_UP_QUERIES = 5_000;
    static final double WARM_UP_SECONDS = 5;
    /** A sweep point repeats the queries until it has run this long: a 1,000-query pass can take 0.3 s. */
    static final double MIN_MEASURE_SECONDS = 2;

    static Measured measure(VectorEngine engine, float[][] queries, int[][] truth, int candidates, VectorFilter filter, int idOffset) {
        List<Double> ms = new ArrayList<>();
        long hits = 0;
        int fewest = Integer.MAX_VALUE;
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        do {
            for (int q = 0; q < queries.length; q++) {
                long t0 = System.nanoTime();
                List<Neighbor> found = engine.search(queries[q], 10, candidates, filter);
                ms.add((System.nanoTime() - t0) / 1e6);
                fewest = Math.min(fewest, found.size());
                Set<Long> expected = new HashSet<>();
                for (int id : truth[q]) expected.add((long) id + idOffset);
                for (Neighbor neighbor : found) if (expected.contains(neighbor.tileId())) hits++;
            }
        } while (seconds(start) < MIN_MEASURE_SECONDS);
        double wall = seconds(start);
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        ms.sort(null);
        int runs = ms.size();
        return new Measured(hits / (10.0 * runs), runs / wall, ms.get(runs / 2), ms.get(runs * 95 / 100), runs / cpu, fewest);
    }

    /** Exact top-10 among the allowed slides' vectors, streamed from base.f32, then the engine with the filter. */
    static void filtered(Path data, int n, Archive archive, float[][] allQueries, String name, int allowedSlides,
                         IntPredicate allowed) throws IOException {
        float[][] queries = Arrays.copyOf(allQueries, n >= 1_000_000 ? 100 : 200);
        List<PriorityQueue<long[]>> best = new ArrayList<>();
        for (int q = 0; q < queries.length; q++) best.add(new PriorityQueue<>((a, b) -> Float.compare(Float.intBitsToFloat((int) a[1]), Float.intBitsToFloat((int) b[1]))));
        List<Long> slideIds = new ArrayList<>();
        try (FileChannel base = FileChannel.open(data.resolve("base.f32"))) {
            for (int s = 0; s * PER_SLIDE < n; s++) {
                if (!allowed.test(s)) continue;
                slideIds.add(archive.slide(slide(s).path()).orElseThrow().id());
                float[][] rows = readRows(base, (long) s * PER_SLIDE, Math.min(PER_SLIDE, n - s * PER_SLIDE));
                for (int r = 0; r < rows.length; r++) {
                    long index = (long) s * PER_SLIDE + r;
                    for (int q = 0; q < queries.length; q++) {
                        float score = VectorUtil.dotProduct(queries[q], rows[r]);
                        PriorityQueue<long[]> heap = best.get(q);
                        if (heap.size() < 10) {
                            heap.add(new long[] {index, Float.floatToIntBits(score)});
                        } else if (score > Float.intBitsToFloat((int) heap.peek()[1])) {
                            heap.poll();
                            heap.add(new long[] {index, Float.floatToIntBits(score)});
                        }
                    }
                }
            }
        }
        int[][] truth = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) truth[q] = best.get(q).stream().mapToInt(e -> (int) e[0]).toArray();
        VectorFilter filter = VectorFilter.only(slideIds);
        measure(archive.vectors(), Arrays.copyOf(queries, 50), truth, 40, filter, 1);
        for (int candidates : new int[] {LuceneSettings.current().candidates(10), 96}) {
            Measured m = measure(archive.vectors(), queries, truth, candidates, filter, 1);
            System.out.printf(Locale.ROOT, "RESULT histoseek-filter %s slides=%d candidates=%d recall=%.4f qps=%.1f p50_ms=%.3f p95_ms=%.3f fewest_hits=%d%n",
                    name, allowedSlides, candidates, m.recall, m.qps, m.p50, m.p95, m.fewest);
        }
    }

    /** A click on a tile of a stored slide: the searcher's whole path, SQLite included. */
    static void pointSearch(Archive archive, int slides) {
        ArchiveSearcher searcher = new ArchiveSearcher(archive, null);
        SplittableRandom random = new SplittableRandom(9);
        int warmup = 200;
        int runs = 1000;
        double[] ms = new double[runs];
        for (int q = 0; q < warmup + runs; q++) {
            Path slide = archive.resolve(slide(random.nextInt(slides)).path());
            long x = random.nextLong((long) COLUMNS * TILE);
            long y = random.nextLong((long) (PER_SLIDE / COLUMNS) * TILE);
            long t0 = System.nanoTime();
            int found = searcher.searchPoint(slide, x, y, SearchOptions.DEFAULTS).size();
            if (q >= warmup) ms[q - warmup] = (System.nanoTime() - t0) / 1e6;
            if (found != 10) throw new IllegalStateException("expected 10 hits, got " + found);
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "RESULT histoseek-point-search k=10 candidates=%d p50_ms=%.2f p95_ms=%.2f max_ms=%.2f%n",
                LuceneSettings.current().candidates(10), ms[runs / 2], ms[runs * 95 / 100], ms[runs - 1]);
    }

    static void remove(Path archive) {
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("bench"))) {
            String path = slide(0).path();
            long tiles = writer.tileCountsBySlide().get(writer.slide(path).orElseThrow().id());
            List<float[]> vectors = new ArrayList<>();
            writer.vectors().forEachVectorOfSlide(writer.slide(path).orElseThrow().id(), (id, v) -> vectors.add(v));
            long t0 = System.nanoTime();
            writer.removeSlide(path);
            double removeMs = seconds(t0) * 1000;
            t0 = System.nanoTime();
            writer.commitSlide(slide(0), tiles(vectors.toArray(float[][]::new)));
            double addMs = seconds(t0) * 1000;
            System.out.printf(Locale.ROOT, "RESULT histoseek-remove tiles=%d remove_ms=%.0f index_again_ms=%.0f segments=%d%n",
                    tiles, removeMs, addMs, writer.vectors().segments());
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static float[][] readRows(Path file, long first, int rows) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return readRows(channel, first, rows);
        }
    }

    static float[][] readRows(FileChannel channel, long first, int rows) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(rows * D * 4).order(ByteOrder.LITTLE_ENDIAN);
        long position = first * D * 4;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) throw new IOException("base vectors end before row " + (first + rows));
        }
        buffer.flip();
        float[][] out = new float[rows][D];
        var floats = buffer.asFloatBuffer();
        for (float[] row : out) floats.get(row);
        return out;
    }

    static int[][] readTruth(Path file, int queries) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int k = all.remaining() / 4 / queries;
        int[][] out = new int[queries][10];
        for (int q = 0; q < queries; q++) for (int j = 0; j < 10; j++) out[q][j] = all.getInt((q * k + j) * 4);
        return out;
    }
}
