package io.histoseek.app.cli;

import io.histoseek.index.StatusLine;
import io.histoseek.index.cases.Progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long evaluation on stderr through a {@link StatusLine}, with rate and ETA from
 * the start of the current stage; in a log a line at most every 10 s and at the end of each stage.
 */
final class ProgressLine implements Progress {
    private final StatusLine line;
    private final LongSupplier clock;
    private String stage;
    private long stageStart;

    ProgressLine(PrintWriter err, boolean terminal, LongSupplier clock) {
        this(new StatusLine(err, terminal, Duration.ofSeconds(10), clock), clock);
    }

    private ProgressLine(StatusLine line, LongSupplier clock) {
        this.line = line;
        this.clock = clock;
    }

    static ProgressLine forStderr(PrintWriter err) {
        return new ProgressLine(StatusLine.forStderr(err), System::nanoTime);
    }

    @Override
    public synchronized void update(String stageName, long done, long total) {
        long now = clock.getAsLong();
        if (!stageName.equals(stage)) {
            stage = stageName;
            stageStart = now;
            line.holdPlainLines();
        }
        boolean last = done >= total;
        if (done == 0 && !last && !line.isTerminal()) return; // a log has nothing to learn from 0/N
        line.show(format(stageName, done, total, (now - stageStart) / 1e9), last);
        if (last) line.finish();
    }

    /** Writes a line of its own, clearing a refreshing line first. */
    void message(String text) {
        line.message(text);
    }

    static String format(String stage, long done, long total, double seconds) {
        String rate = "";
        String eta = "--";
        if (done > 0 && seconds > 0) {
            double perSecond = done / seconds;
            rate = String.format(Locale.ROOT, ", %.1f/s", perSecond);
            eta = StatusLine.duration(Duration.ofSeconds(Math.round((total - done) / perSecond)));
        }
        return String.format(Locale.ROOT, "%s %d/%d%s, ETA %s", stage, done, total, rate, eta);
    }
}
