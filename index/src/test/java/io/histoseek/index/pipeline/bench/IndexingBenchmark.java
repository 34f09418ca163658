package io.histoseek.index.pipeline.bench;

import io.histoseek.index.pipeline.IndexingJob;
import io.histoseek.index.pipeline.IndexingListener;
import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.pipeline.IndexingSummary;
import io.histoseek.index.pipeline.StageTimes;
import io.histoseek.index.pipeline.TilingOptions;
import io.histoseek.model.EncoderOptions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Indexing throughput (benchmark 7c): indexes a slide folder into fresh archives with the given
 * checkpoint, for each reader-thread count, and prints tiles/s and where the time went. The first
 * run warms the JVM and libtorch up and is not reported.
 *
 * <p>Args: CHECKPOINT SLIDE_FOLDER HEADS BATCH THREADS... (e.g. 3 16 1 2).
 */
public final class IndexingBenchmark {
    private IndexingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        Path slides = Path.of(args[1]);
        int heads = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        List<Integer> threadCounts = Stream.of(args).skip(4).map(Integer::parseInt).toList();
        EncoderOptions encoder = EncoderOptions.defaults().withBatchSize(batch).withHeads(OptionalInt.of(heads));

        run(checkpoint, slides, encoder, threadCounts.getFirst());  // warm-up
        System.out.printf(Locale.ROOT, "%-8s %6s %8s %9s %9s %9s %9s %9s %9s %9s %10s%n", "readers", "tiles", "wall_s",
                "tiles/s", "prepare_s", "read_s", "encode_s", "store_s", "wait_s", "cpu_s", "tiles/cpu_s");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int threads : threadCounts) {
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            IndexingSummary summary = run(checkpoint, slides, encoder, threads);
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            StageTimes t = summary.times();
            System.out.printf(Locale.ROOT, "%-8d %6d %8.2f %9.1f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %10.1f%n", threads,
                    summary.tilesStored(), wall, summary.tilesStored() / wall, t.prepareSeconds(), t.readSeconds(),
                    t.encodeSeconds(), t.storeSeconds(), t.encoderWaitSeconds(), cpu, summary.tilesStored() / cpu);
        }
        System.out.printf(Locale.ROOT, "%d cores, load average %.1f at the end. read_s is summed over reader threads;%n"
                + "wait_s is the encoder idle, waiting for tiles; cpu_s is the process's CPU time (all threads, libtorch's too).%n",
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
    }

    private static IndexingSummary run(Path checkpoint, Path slides, EncoderOptions encoder, int threads)
            throws IOException, InterruptedException {
        Path archive = Files.createTempDirectory("histoseek-bench-");
        try {
            return IndexingJob.start(new IndexingRequest(List.of(slides), archive, checkpoint, encoder, threads,
                    TilingOptions.defaults()), IndexingListener.NONE).await();
        } finally {
            try (Stream<Path> files = Files.walk(archive)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
