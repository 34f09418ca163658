package io.histoseek.app.cli;

import io.histoseek.index.StatusLine;
import io.histoseek.index.features.ImportListener;
import io.histoseek.index.features.ImportOutcome;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An import's progress: one line per file on stdout as it is through, and for a run longer than
 * {@value #QUIET_SECONDS} s a progress line on stderr through a {@link StatusLine} (files done,
 * tiles stored, tiles/s, ETA). The ETA counts the rows left in the current file plus, for each
 * file to come, the mean rows of the files opened so far.
 */
final class ImportProgressPrinter implements ImportListener {
    private static final long QUIET_SECONDS = 2;

    private final PrintWriter out;
    private final StatusLine status;
    private final LongSupplier clock;
    private final long start;
    private int filesDone;
    private int filesTotal;
    private long rowsSeen;
    private int filesSeen;
    private long currentRows;
    private long currentDone;
    private long tiles;

    ImportProgressPrinter(PrintWriter out, StatusLine status, LongSupplier clock) {
        this.out = out;
        this.status = status;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    static ImportProgressPrinter forConsole(PrintWriter out, PrintWriter err) {
        return new ImportProgressPrinter(out, StatusLine.forStderr(err), System::nanoTime);
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
        double seconds = (clock.getAsLong() - start) / 1e9;
        if (seconds >= QUIET_SECONDS) status.show(line(seconds), false);
    }

    String line(double seconds) {
        double rate = seconds > 0 ? tiles / seconds : 0;
        double mean = filesSeen > 0 ? (double) rowsSeen / filesSeen : 0;
        double left = Math.max(0, currentRows - currentDone) + Math.max(0, filesTotal - filesDone - 1) * mean;
        String eta = rate > 0 ? StatusLine.duration(Duration.ofSeconds(Math.round(left / rate))) : "--";
        return String.format(Locale.ROOT, "import: %d/%d files, %,d tiles, %,.0f tiles/s, ETA %s", filesDone, filesTotal, tiles, rate, eta);
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
        status.message(message);
    }

    /** Ends a line refreshed in place, so what follows starts on a line of its own. */
    void finish() {
        status.finish();
    }
}
