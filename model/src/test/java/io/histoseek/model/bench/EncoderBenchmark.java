package io.histoseek.model.bench;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.Precision;
import io.histoseek.model.SharedFixtures;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.TinyFixture;
import io.histoseek.model.VitArchitecture;
import io.histoseek.model.checkpoint.SyntheticVit;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Encoder throughput and memory, side by side with TorchScript in the same JVM.
 *
 * <p>1. Tiny fixture model: our DJL forward (fp32, fp16) vs {@code tiny-hoptimus.torchscript.pt}
 * through DJL's TorchScript engine on the same tiles, as a time ratio.
 * 2. Real-size random-weight model (dim 1536, depth 40 by default, written to a temp file):
 * inspect time, load time, tiles/s on the CPU. Peak RSS (VmHWM) after each part.
 *
 * <p>Arguments: [real-depth (40; 0 skips)] [real-tiles (2)] [work dir (java.io.tmpdir)].
 */
public final class EncoderBenchmark {
    private static final int TINY_TILES = 64;
    private static final int TINY_BATCH = 16;
    private static final int ROUNDS = 5;

    private EncoderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int realDepth = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int realTiles = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path workDir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        System.out.printf(Locale.ROOT, "cpus %d, torch threads default%n", Runtime.getRuntime().availableProcessors());
        tiny();
        if (realDepth > 0) {
            realSize(realDepth, realTiles, workDir);
        }
    }

    private static void tiny() throws Exception {
        float[][] fixtureTiles = TinyFixture.tiles();
        float[][] tiles = new float[TINY_TILES][];
        for (int i = 0; i < TINY_TILES; i++) {
            tiles[i] = fixtureTiles[i % fixtureTiles.length];
        }
        EncoderOptions cpu = EncoderOptions.defaults().withDevice(Device.CPU).withBatchSize(TINY_BATCH);
        Path checkpoint = SharedFixtures.model("tiny-hoptimus.pth");
        Path torchScriptFile = SharedFixtures.model("tiny-hoptimus.torchscript.pt");
        float[][] reference = new float[TINY_TILES][];
        double[] seconds = new double[3];
        float[][] ours;
        float[][] half;
        // The machine is shared: rounds alternate between engines so load swings hit all alike.
        try (TileEncoder fp32 = Encoders.open(checkpoint, cpu);
             TileEncoder fp16 = Encoders.open(checkpoint, cpu.withPrecision(Precision.FP16));
             Model model = Model.newInstance("tiny-hoptimus", ai.djl.Device.cpu(), "PyTorch")) {
            model.load(torchScriptFile.getParent(), torchScriptFile.getFileName().toString());
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                 NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch")) {
                ours = fp32.encode(tiles);
                half = fp16.encode(tiles);
                run(predictor, manager, tiles, reference);
                for (int round = 0; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    fp32.encode(tiles);
                    seconds[0] += seconds(start);
                    start = System.nanoTime();
                    fp16.encode(tiles);
                    seconds[1] += seconds(start);
                    start = System.nanoTime();
                    run(predictor, manager, tiles, reference);
                    seconds[2] += seconds(start);
                }
            }
        }
        float[][] expected = TinyFixture.expected();
        float referenceDiff = TinyFixture.maxAbsDiff(Arrays.copyOf(expected, 4), Arrays.copyOf(ours, 4));
        System.out.printf(Locale.ROOT, "%n== tiny model (dim 48, depth 2), %d tiles x %d rounds, batch %d, CPU ==%n",
                TINY_TILES, ROUNDS, TINY_BATCH);
        System.out.printf(Locale.ROOT, "%-28s %10s %12s%n", "engine", "tiles/s", "ms/tile");
        row("histoseek DJL ops fp32", seconds[0]);
        row("histoseek DJL ops fp16", seconds[1]);
        row("TorchScript (DJL) fp32", seconds[2]);
        System.out.printf(Locale.ROOT, "ours/TorchScript forward time: fp32 %.2fx, fp16 %.2fx%n",
                seconds[0] / seconds[2], seconds[1] / seconds[2]);
        System.out.printf(Locale.ROOT, "max |ours - PyTorch reference| %.2e, |ours - TorchScript| %.2e, |fp16 - fp32| %.2e%n",
                referenceDiff, TinyFixture.maxAbsDiff(reference, ours), TinyFixture.maxAbsDiff(ours, half));
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM) so far: %s%n", peakRss());
    }

    private static void run(Predictor<NDList, NDList> predictor, NDManager manager, float[][] tiles, float[][] out)
            throws Exception {
        for (int start = 0; start < tiles.length; start += TINY_BATCH) {
            int count = Math.min(TINY_BATCH, tiles.length - start);
            try (NDManager batch = manager.newSubManager()) {
                FloatBuffer flat = FloatBuffer.allocate(count * 3 * 224 * 224);
                for (int i = 0; i < count; i++) {
                    flat.put(tiles[start + i]);
                }
                NDArray input = batch.create(flat.flip(), new Shape(count, 3, 224, 224));
                NDArray result = predictor.predict(new NDList(input)).singletonOrThrow();
                result.attach(batch);
                float[] values = result.toFloatArray();
                int dim = values.length / count;
                for (int i = 0; i < count; i++) {
                    out[start + i] = Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
                }
            }
        }
    }

    private static void realSize(int depth, int tileCount, Path workDir) throws Exception {
        VitArchitecture arch = new VitArchitecture(1536, depth, 24, 4096, 4, 14);
        Path file = Files.createTempFile(workDir, "histoseek-bench-real-size", ".pth");
        try {
            long start = System.nanoTime();
            SyntheticVit.write(file, arch);
            double writeSeconds = seconds(start);
            start = System.nanoTime();
            ModelIdentity identity = Encoders.inspect(file, OptionalInt.empty());
            double inspectSeconds = seconds(start);
            float[][] tiles = new float[tileCount][];
            float[][] fixture = TinyFixture.tiles();
            for (int i = 0; i < tileCount; i++) {
                tiles[i] = fixture[i % fixture.length];
            }
            EncoderOptions options = EncoderOptions.defaults().withDevice(Device.CPU).withBatchSize(tileCount);
            start = System.nanoTime();
            try (TileEncoder encoder = Encoders.open(file, options)) {
                double openSeconds = seconds(start);
                start = System.nanoTime();
                float[][] vectors = encoder.encode(tiles);
                double encodeSeconds = seconds(start);
                System.out.printf(Locale.ROOT, "%n== real-size random weights (%s), %.2f GB fp32 .pth, CPU fp32 ==%n",
                        identity.architecture(), Files.size(file) / 1e9);
                System.out.printf(Locale.ROOT, "write %.1f s (test fixture only), inspect %.2f s, open %.2f s%n",
                        writeSeconds, inspectSeconds, openSeconds);
                System.out.printf(Locale.ROOT, "%d tiles in one batch: %.1f s, %.3f tiles/s, %.1f s/tile, output dim %d%n",
                        tileCount, encodeSeconds, tileCount / encodeSeconds, encodeSeconds / tileCount, vectors[0].length);
                System.out.printf(Locale.ROOT, "peak RSS (VmHWM) so far: %s%n", peakRss());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void row(String engine, double totalSeconds) {
        double tiles = (double) TINY_TILES * ROUNDS;
        System.out.printf(Locale.ROOT, "%-28s %10.1f %12.2f%n", engine, tiles / totalSeconds, 1000 * totalSeconds / tiles);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Peak RSS, and what the current RSS is made of: anonymous memory vs mapped file pages. */
    private static String peakRss() throws Exception {
        java.util.Map<String, String> status = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                status.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return status.get("VmHWM") + " (now: anonymous " + status.get("RssAnon") + ", file-backed " + status.get("RssFile") + ")";
    }
}
