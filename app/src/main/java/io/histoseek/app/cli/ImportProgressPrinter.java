package io.histoseek.app.cli;

import io.histoseek.index.features.ImportListener;
import io.histoseek.index.features.ImportOutcome;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An import's progress: one line per file on stdout as it is through, and for a run longer than
 * {@value #QUIET_SECONDS} s a progress line on stderr (files done, tiles stored, tiles/s, ETA),
 * refreshed in place on a terminal and written every 10 s in a log. The ETA counts the rows left
 * in the current file plus, for each file to come, the mean rows of the files seen so far.
 */
final class ImportProgressPrinter implements ImportListener {
    private static final long QUIET_SECONDS = 2;
    private static final long TERMINAL_INTERVAL_NANOS = 250_000_000L;
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long lastLine;
    private boolean lineOpen;
    private int filesDone;
    private int filesTotal;
    private long rowsSeen;
    private int filesSeen;
    private long currentRows;
    private long currentDone;
    private long tiles;

    ImportProgressPrinter(PrintWriter out, PrintWriter err, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastLine = start;
    }

    static ImportProgressPrinter forConsole(PrintWriter out, PrintWriter err) {
        return new ImportProgressPrinter(out, err, System.console() != null && System.console().isTerminal(), System::nanoTime);
    }

    @Override
    public void fileStarted(Path file, int rows, int done, int total) {
        filesDone = done;
        filesTotal = total;
        filesSeen++;
        rowsSeen += rows;
        currentRows = rows;
        currentDone = 0;
    }

    @Override
    public void tilesAdded(int count) {
        tiles += count;
        currentDone += count;
        long now = clock.getAsLong();
        if (now - start < QUIET_SECONDS * 1_000_000_000L) return;
        if (now - lastLine < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) return;
        lastLine = now;
        String line = line((now - start) / 1e9);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            lineOpen = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    String line(double seconds) {
        double rate = seconds > 0 ? tiles / seconds : 0;
        double mean = filesSeen > 0 ? (double) rowsSeen / filesSeen : 0;
        double left = Math.max(0, currentRows - currentDone) + Math.max(0, filesTotal - filesDone - 1) * mean;
        String eta = rate > 0 ? formatEta(Math.round(left / rate)) : "--";
        return String.format(Locale.ROOT, "import: %d/%d files, %,d tiles, %,.0f tiles/s, ETA %s", filesDone, filesTotal, tiles, rate, eta);
    }

    private static String formatEta(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }

    @Override
    public void fileFinished(ImportOutcome outcome) {
        if (outcome.isImported()) {
            out.printf(Locale.ROOT, "imported: %s -> %s (%d tiles%s)%n", outcome.file(), outcome.slide(), outcome.tiles(),
                    outcome.slideFound() ? "" : "; slide file not found: recorded missing");
        } else {
            out.printf(Locale.ROOT, "failed: %s: %s%n", outcome.file(), outcome.problem());
        }
        out.flush();
    }

    @Override
    public void note(String message) {
        finish();
        err.println(message);
        err.flush();
    }

    /** Ends a line refreshed in place, so what follows starts on a line of its own. */
    void finish() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }
}
