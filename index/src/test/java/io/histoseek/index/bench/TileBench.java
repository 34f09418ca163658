package io.histoseek.index.bench;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.tile.AreaResampler;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.index.tile.TileReader;
import io.histoseek.index.tile.TissueDetector;
import io.histoseek.model.Preprocessing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of bench/tiles.sh: the same measurements as ../shared/bench/tiles_peer.py on
 * the same level-0 grid, one JSON line each, plus multi-threaded runs and the real tile path
 * (TileGrid + TileReader). Usage: TileBench PASSES THREADS SLIDE...
 *
 * <p>With -Dbench.clock=cpu, rates are per CPU-second of the worker threads instead of per
 * wall-clock second (for a shared, overloaded machine), and only one-thread rows are run.
 */
public final class TileBench {
    private static final int T = 224;
    private static final boolean CPU_CLOCK = "cpu".equals(System.getProperty("bench.clock"));
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TileBench() {}

    public static void main(String[] args) throws Exception {
        int passes = Integer.parseInt(args[0]);
        int maxThreads = CPU_CLOCK ? 1 : Integer.parseInt(args[1]);
        warmUp(Path.of(args[2]));
        for (String file : Arrays.copyOfRange(args, 2, args.length)) {
            bench(Path.of(file), passes, maxThreads);
        }
    }

    /** Compiles the hot paths (JIT) before anything is timed; a running pipeline is always warm. */
    private static void warmUp(Path file) throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            List<long[]> positions = grid(slide, 2 * T);
            Scratch scratch = new Scratch();
            for (int round = 0; round < 3; round++) {
                for (long[] p : positions) {
                    slide.readRegion(p[0], p[1], 0, 2 * T, 2 * T, scratch.big);
                    scratch.resampler.resample(scratch.big, 2 * T, 2 * T, scratch.pixels);
                    Preprocessing.normalizeArgb(scratch.pixels, scratch.tensor, 0);
                }
            }
            TissueDetector.detectOverview(slide, 512);
        }
    }

    private interface TileJob {
        void run(OpenSlideImage slide, long x, long y, Scratch scratch) throws Exception;
    }

    /** Per-thread buffers, as a real worker keeps them. */
    private static final class Scratch {
        final int[] pixels = new int[T * T];
        final int[] big = new int[4 * T * T];
        final float[] tensor = new float[Preprocessing.TENSOR_LENGTH];
        final AreaResampler resampler = new AreaResampler(T);
        TileReader reader;
    }

    private static List<long[]> grid(OpenSlideImage slide, int size) {
        List<long[]> positions = new ArrayList<>();
        for (long y = 0; y + size <= slide.height(); y += size) {
            for (long x = 0; x + size <= slide.width(); x += size) {
                positions.add(new long[] {x, y});
            }
        }
        return positions;
    }

    private static void bench(Path file, int passes, int maxThreads) throws Exception {
        String name = file.getFileName().toString();
        List<long[]> positions;
        List<long[]> positions448;
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            positions = grid(slide, T);
            positions448 = grid(slide, 2 * T);
        }
        TileJob read = (slide, x, y, s) -> slide.readRegion(x, y, 0, T, T, s.pixels);
        TileJob readTensor = (slide, x, y, s) -> {
            slide.readRegion(x, y, 0, T, T, s.pixels);
            Preprocessing.normalizeArgb(s.pixels, s.tensor, 0);
        };
        TileJob read448Tensor = (slide, x, y, s) -> {
            slide.readRegion(x, y, 0, 2 * T, 2 * T, s.big);
            s.resampler.resample(s.big, 2 * T, 2 * T, s.pixels);
            Preprocessing.normalizeArgb(s.pixels, s.tensor, 0);
        };

        emit(name, "read224_cold", "tiles", positions.size(), "tiles_per_s", median(passes, () -> rateCold(file, positions, read, 1)));
        try (OpenSlideImage warm = OpenSlideImage.open(file)) {
            run(warm, positions, read, 1);
            emit(name, "read224_warm", "tiles", positions.size(), "tiles_per_s", median(passes, () -> rate(warm, positions, read, 1)));
            List<long[]> first = positions.subList(0, Math.min(100, positions.size()));
            List<int[]> tiles = new ArrayList<>();
            for (long[] p : first) {
                int[] pixels = new int[T * T];
                warm.readRegion(p[0], p[1], 0, T, T, pixels);
                tiles.add(pixels);
            }
            float[] tensor = new float[Preprocessing.TENSOR_LENGTH];
            for (int i = 0; i < 20; i++) {
                for (int[] tile : tiles) {
                    Preprocessing.normalizeArgb(tile, tensor, 0);
                }
            }
            long t0 = System.nanoTime();
            int rounds = 20;
            for (int i = 0; i < rounds; i++) {
                for (int[] tile : tiles) {
                    Preprocessing.normalizeArgb(tile, tensor, 0);
                }
            }
            emit(name, "tensor224_convert_only", "us_per_tile", (System.nanoTime() - t0) / 1e3 / (rounds * tiles.size()));
            emit(name, "read224+tensor_warm", "tiles_per_s", median(passes, () -> rate(warm, positions, readTensor, 1)));
            for (int threads = 2; threads <= maxThreads; threads *= 2) {
                int n = threads;
                emit(name, "read224+tensor_warm", "threads", n, "tiles_per_s", median(passes, () -> rate(warm, positions, readTensor, n)));
            }
        }
        emit(name, "read448+down224+tensor_cold", "tiles", positions448.size(),
                "tiles_per_s", median(passes, () -> rateCold(file, positions448, read448Tensor, 1)));
        for (int threads = 1; threads <= maxThreads; threads *= 2) {
            int n = threads;
            emit(name, "read224+tensor_cold", "threads", n, "tiles_per_s", median(passes, () -> rateCold(file, positions, readTensor, n)));
        }
        pipeline(file, name, passes, maxThreads);
        long t0 = System.nanoTime();
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            double fraction = TissueDetector.detectOverview(slide, 512).tissueFraction();
            emit(name, "thumbnail_mask", "ms", (System.nanoTime() - t0) / 1e6, "tissue_frac", fraction);
        }
    }

    /** The real path: tissue tiles of the 0.5 um/px grid through TileReader into tensors, cold. */
    private static void pipeline(Path file, String name, int passes, int maxThreads) throws Exception {
        List<TilePosition> tiles;
        String scaleNote;
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            PhysicalScale scale = PhysicalScale.of(slide);
            scaleNote = scale.known() ? scale.describe() : "assumed 0.5";
            if (!scale.known()) {
                scale = PhysicalScale.assumed(0.5);
            }
            tiles = TileGrid.plan(slide, scale, TissueDetector.detect(slide, TileGrid.maskScale(scale)), 0, false).tiles();
        }
        List<long[]> positions = new ArrayList<>();
        for (TilePosition tile : tiles) {
            positions.add(new long[] {tile.x(), tile.y()});
        }
        int size = tiles.getFirst().size();
        TileJob job = (slide, x, y, s) -> {
            if (s.reader == null) {
                s.reader = new TileReader(slide);
            }
            s.reader.readNormalized(new TilePosition(x, y, size, 1f), s.pixels, s.tensor, 0);
        };
        for (int threads = 1; threads <= maxThreads; threads *= 2) {
            int n = threads;
            emit(name, "tile_pipeline_cold", "mpp", scaleNote, "tile_size", size, "threads", n, "tiles", positions.size(),
                    "tiles_per_s", median(passes, () -> rateCold(file, positions, job, n)));
        }
    }

    private interface Measurement {
        double get() throws Exception;
    }

    private static double median(int passes, Measurement measurement) throws Exception {
        double[] rates = new double[passes];
        for (int i = 0; i < passes; i++) {
            rates[i] = measurement.get();
        }
        Arrays.sort(rates);
        return rates[passes / 2];
    }

    /** A fresh handle, so OpenSlide's tile cache starts empty. */
    private static double rateCold(Path file, List<long[]> positions, TileJob job, int threads) throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            return rate(slide, positions, job, threads);
        }
    }

    private static double rate(OpenSlideImage slide, List<long[]> positions, TileJob job, int threads) throws Exception {
        long t0 = System.nanoTime();
        long cpuNanos = run(slide, positions, job, threads);
        return positions.size() / ((CPU_CLOCK ? cpuNanos : System.nanoTime() - t0) / 1e9);
    }

    /**
     * Threads take positions from a shared counter, each with its own scratch buffers.
     * Returns the CPU time the workers spent.
     */
    private static long run(OpenSlideImage slide, List<long[]> positions, TileJob job, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong cpuNanos = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                Scratch scratch = new Scratch();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                for (int i; (i = next.getAndIncrement()) < positions.size(); ) {
                    try {
                        job.run(slide, positions.get(i)[0], positions.get(i)[1], scratch);
                    } catch (Exception e) {
                        failure[0] = e;
                        return;
                    }
                }
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return cpuNanos.get();
    }

    private static void emit(String slide, String test, Object... keyValues) {
        StringBuilder json = new StringBuilder("{\"slide\": \"" + slide + "\", \"test\": \"" + test + "\"");
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            String text = value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d)
                    : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
            json.append(", \"").append(keyValues[i]).append("\": ").append(text);
        }
        System.out.println(json.append(", \"impl\": \"java\"}"));
    }
}
