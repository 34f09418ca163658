package io.histoseek.app.bench;

import io.histoseek.app.cli.HistoseekCommand;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reading side of {@code bench/soak.sh}: one long-lived process that, while another process
 * indexes and removes slides, either searches the archive every 100 ms (kept open, as the window
 * does) or exports a result gallery again and again (through the {@code export} command, in
 * process). It prints one line per report interval: operations, errors, rate, p95 latency, the live
 * heap after a GC and the process's resident memory; the last line is the whole run's.
 * <pre>
 *   SoakReader search ARCHIVE SECONDS REPORT_SECONDS
 *   SoakReader export ARCHIVE SECONDS REPORT_SECONDS OUT_FOLDER
 * </pre>
 */
public final class SoakReader {
    private static final long SEARCH_PERIOD_MS = 100;

    private final String role;
    private final List<Long> latenciesNanos = new ArrayList<>();
    private final List<Long> allLatenciesNanos = new ArrayList<>();
    private long errors;
    private long operations;
    private final long start = System.nanoTime();

    private SoakReader(String role) {
        this.role = role;
    }

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[1]);
        long seconds = Long.parseLong(args[2]);
        long reportSeconds = Long.parseLong(args[3]);
        SoakReader soak = new SoakReader(args[0]);
        switch (args[0]) {
            case "search" -> soak.search(archive, seconds, reportSeconds);
            case "export" -> soak.export(archive, seconds, reportSeconds, Path.of(args[4]));
            default -> throw new IllegalArgumentException("role: search or export, got " + args[0]);
        }
    }

    /** A tile position of the archive to query: a slide file and a level-0 point. */
    private record Point(Path slide, long x, long y) {
    }

    private static List<Point> points(Archive archive) {
        List<Point> points = new ArrayList<>();
        archive.forEachTile((slide, tile) -> points.add(new Point(archive.resolve(slide), tile.x() + tile.size() / 2,
                tile.y() + tile.size() / 2)));
        if (points.isEmpty()) throw new IllegalStateException(archive.address() + ": no tiles to query");
        return points;
    }

    private void search(Path folder, long seconds, long reportSeconds) throws InterruptedException {
        try (Archive archive = Archives.openForReading(folder);
             SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(archive, Optional.empty());
             ArchiveSearcher searcher = new ArchiveSearcher(archive, embedder)) {
            // Points of slides the writer removes meanwhile are embedded on the fly, as a query outside the archive is.
            List<Point> points = points(archive);
            long nextReport = reportSeconds;
            long next = System.nanoTime();
            while (elapsedSeconds() < seconds) {
                Point point = points.get(ThreadLocalRandom.current().nextInt(points.size()));
                timed(() -> {
                    if (searcher.searchPoint(point.slide(), point.x(), point.y(), SearchOptions.DEFAULTS).isEmpty()) {
                        throw new IllegalStateException("no hits for " + point);
                    }
                });
                if (elapsedSeconds() >= nextReport) {
                    report(false);
                    nextReport += reportSeconds;
                }
                next += SEARCH_PERIOD_MS * 1_000_000;
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                else next = System.nanoTime(); // a slow search: no catching up in a burst
            }
        }
        report(true);
    }

    private void export(Path folder, long seconds, long reportSeconds, Path out) throws IOException {
        List<Point> points;
        try (Archive archive = Archives.openForReading(folder)) {
            points = points(archive);
        }
        long nextReport = reportSeconds;
        int round = 0;
        while (elapsedSeconds() < seconds) {
            Point point = points.get(ThreadLocalRandom.current().nextInt(points.size()));
            Path gallery = Files.createDirectories(out.resolve("gallery-" + round++ % 3));
            timed(() -> {
                StringWriter err = new StringWriter();
                int exit = HistoseekCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "export",
                        "--archive", folder.toString(), "--slide", point.slide().toString(), "--x", Long.toString(point.x()),
                        "--y", Long.toString(point.y()), "-k", "12", "--out", gallery.toString());
                if (exit != 0) throw new IllegalStateException("export exit " + exit + ": " + err.toString().strip());
            });
            if (elapsedSeconds() >= nextReport) {
                report(false);
                nextReport += reportSeconds;
            }
        }
        report(true);
    }

    private void timed(Runnable operation) {
        long begin = System.nanoTime();
        try {
            operation.run();
        } catch (RuntimeException e) {
            errors++;
            if (errors <= 10) System.out.println("soak " + role + " error: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        long took = System.nanoTime() - begin;
        latenciesNanos.add(took);
        allLatenciesNanos.add(took);
        operations++;
    }

    private long elapsedSeconds() {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    private void report(boolean last) {
        List<Long> window = last ? allLatenciesNanos : latenciesNanos;
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        double heapMb = (runtime.totalMemory() - runtime.freeMemory()) / 1e6;
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "soak %s %s t=%.0fs ops=%d errors=%d rate=%.2f/s p50=%.1fms p95=%.1fms heap_live=%.1fMB rss=%.1fMB%n",
                role, last ? "total" : "at", seconds, operations, errors, operations / seconds, percentile(window, 0.50),
                percentile(window, 0.95), heapMb, rssMb());
        System.out.flush();
        latenciesNanos.clear();
    }

    private static double percentile(List<Long> nanos, double p) {
        if (nanos.isEmpty()) return Double.NaN;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static double rssMb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0) / 1e3;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
