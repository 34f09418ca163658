package io.histoseek.index.bench;

import io.histoseek.index.ann.HnswFile;
import io.histoseek.index.ann.HnswGraph;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.Neighbor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ANN benchmark, our side: the data of ../shared/bench/ann_data.py, M=16 / efConstruction=200,
 * build on 2 threads, save, load, then single-thread ef sweep with recall@10 against the ground
 * truth. Prints RESULT / SWEEP lines in the format of the peers (bench/ann.sh runs both).
 * <pre>java ... AnnBench DATA_DIR N WORK_DIR</pre>
 */
public final class AnnBench {
    static final int D = 1536;
    static final int[] EFS = {16, 32, 64, 128, 256};

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        Files.createDirectories(work);
        float[][] base = readFloats(data.resolve("base.f32"), n);
        float[][] queries = readFloats(data.resolve("queries.f32"), 1000);
        int[][] truth = readTruth(data.resolve("gt_" + n + ".i32"), queries.length);

        HnswGraph graph = new HnswGraph(D, HnswParams.DEFAULTS);
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) graph.add(i, base[i]);
            });
        }
        for (Thread t : threads) t.join();
        double build = seconds(t0);
        Path file = work.resolve("ours.hnsw");
        t0 = System.nanoTime();
        HnswFile.write(graph, "bench", file);
        double save = seconds(t0);
        System.out.printf("RESULT histoseek n=%d build_s=%.2f save_s=%.2f file_MB=%.1f file_bytes_per_vector=%.0f heap_bytes_per_vector=%.0f%n",
                n, build, save, Files.size(file) / 1e6, Files.size(file) / (double) n, graph.bytesOnHeap() / (double) n);

        t0 = System.nanoTime();
        HnswGraph loaded = HnswFile.read(file).graph();
        System.out.printf("RESULT histoseek-load n=%d load_s=%.2f%n", n, seconds(t0));

        for (float[] q : queries) loaded.search(q, 10, 64);
        for (int ef : EFS) {
            long hits = 0;
            long cpu0 = cpuNanos();
            t0 = System.nanoTime();
            long[][] found = new long[queries.length][];
            for (int i = 0; i < queries.length; i++) {
                List<Neighbor> r = loaded.search(queries[i], 10, ef);
                found[i] = r.stream().mapToLong(Neighbor::label).toArray();
            }
            double dt = seconds(t0);
            double cpu = (cpuNanos() - cpu0) / 1e9;
            for (int i = 0; i < queries.length; i++) {
                Set<Long> g = new HashSet<>();
                for (int id : truth[i]) g.add((long) id);
                for (long id : found[i]) if (g.contains(id)) hits++;
            }
            System.out.printf("SWEEP histoseek ef=%d recall=%.4f qps=%.1f ms=%.3f cpu_qps=%.1f%n",
                    ef, hits / (10.0 * queries.length), queries.length / dt, dt * 1000 / queries.length, queries.length / cpu);
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static float[][] readFloats(Path file, int rows) throws IOException {
        float[][] out = new float[rows][D];
        try (var channel = Files.newByteChannel(file)) {
            ByteBuffer buf = ByteBuffer.allocate(D * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < rows; r++) {
                buf.clear();
                while (buf.hasRemaining()) if (channel.read(buf) < 0) throw new IOException(file + ": too short");
                buf.flip().asFloatBuffer().get(out[r]);
            }
        }
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
