package io.histoseek.index.bench;

import io.histoseek.index.ann.ClusteredVectors;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.model.ModelIdentity;
import io.histoseek.index.store.NewTile;
import io.histoseek.index.store.SlideMetadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * End-to-end point search on a real archive of synthetic tiles (SQLite + HNSW file): each query
 * resolves the slide, finds the tile containing the point, reads its vector, searches HNSW and
 * looks up the hits' tiles and slides. Prints p50/p95 latency: wall clock, and the query thread's
 * CPU time (SQLite runs in that thread too), which a busy shared machine disturbs less.
 * <pre>java ... SearchBench WORK_DIR TILES [EF_CONSTRUCTION]</pre>
 */
public final class SearchBench {
    static final int D = 1536;
    static final int TILES_PER_SLIDE = 1000;
    static final int COLUMNS = 40;
    static final int TILE = 224;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int tiles = Integer.parseInt(args[1]);
        Path archive = work.resolve("search-archive-" + tiles);
        int slides = tiles / TILES_PER_SLIDE;
        HnswParams params = new HnswParams(16, args.length > 2 ? Integer.parseInt(args[2]) : 200, 64);
        if (!Files.exists(archive.resolve(ArchiveStore.DATABASE_FILE))) {
            long t0 = System.nanoTime();
            var gen = new ClusteredVectors(D, 200, 3);
            try (ArchiveStore store = ArchiveStore.openOrCreate(archive, work.resolve("slides"))) {
                store.bindModel(new ModelIdentity("synthetic", "none", D));
                for (int s = 0; s < slides; s++) {
                    List<NewTile> list = new ArrayList<>(TILES_PER_SLIDE);
                    for (int i = 0; i < TILES_PER_SLIDE; i++) {
                        list.add(new NewTile((long) (i % COLUMNS) * TILE, (long) (i / COLUMNS) * TILE, TILE, 0.8f, gen.next()));
                    }
                    store.commitSlide(slideMeta(s), list);
                }
            }
            System.out.printf("RESULT archive tiles=%d slides=%d store_s=%.1f db_MB=%.0f%n", tiles, slides,
                    (System.nanoTime() - t0) / 1e9, Files.size(archive.resolve(ArchiveStore.DATABASE_FILE)) / 1e6);
        }
        long t0 = System.nanoTime();
        try (ArchiveSearcher first = ArchiveSearcher.open(archive, params, null, (m, d, t) -> { })) {
            System.out.printf("RESULT first-open (index %s, M=%d efConstruction=%d) s=%.1f%n", first.index().origin(),
                    params.m(), params.efConstruction(), (System.nanoTime() - t0) / 1e9);
        }
        t0 = System.nanoTime();
        try (ArchiveSearcher searcher = ArchiveSearcher.open(archive, params, null, (m, d, t) -> { })) {
            System.out.printf("RESULT open (index %s) s=%.2f%n", searcher.index().origin(), (System.nanoTime() - t0) / 1e9);
            Path root = work.resolve("slides");
            measure(searcher, root, slides, "k=10", SearchOptions.DEFAULTS);
            measure(searcher, root, slides, "k=10 exclude-same-slide max-per-slide=3", new SearchOptions(10, true, 3, 0));
        }
    }

    static SlideMetadata slideMeta(int s) {
        return new SlideMetadata("case-" + s + ".svs", 1L << 30, 0, "qh" + s, "aperio", 0.5,
                (long) COLUMNS * TILE, (long) (TILES_PER_SLIDE / COLUMNS) * TILE);
    }

    static void measure(ArchiveSearcher searcher, Path root, int slides, String label, SearchOptions options) {
        SplittableRandom random = new SplittableRandom(9);
        int warmup = 200, runs = 1000;
        double[] ms = new double[runs];
        double[] cpuMs = new double[runs];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int q = 0; q < warmup + runs; q++) {
            Path slide = root.resolve(slideMeta(random.nextInt(slides)).path());
            long x = random.nextLong(COLUMNS * TILE), y = random.nextLong((TILES_PER_SLIDE / COLUMNS) * TILE);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int found = searcher.searchPoint(slide, x, y, options).size();
            if (q >= warmup) {
                ms[q - warmup] = (System.nanoTime() - t0) / 1e6;
                cpuMs[q - warmup] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            }
            if (found != 10) throw new IllegalStateException("expected 10 hits, got " + found);
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        System.out.printf("RESULT point-search %s ef=64 p50_ms=%.2f p95_ms=%.2f max_ms=%.2f cpu_p50_ms=%.2f cpu_p95_ms=%.2f%n",
                label, ms[runs / 2], ms[runs * 95 / 100], ms[runs - 1], cpuMs[runs / 2], cpuMs[runs * 95 / 100]);
    }
}
