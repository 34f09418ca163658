package io.histoseek.app.cli;

import io.histoseek.index.cases.Progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long evaluation on stderr, with rate and ETA: one line refreshed in place on a
 * terminal; in a log a plain line at most every 10 s and at the end of each stage.
 */
final class ProgressLine implements Progress {
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private String stage;
    private long stageStart;
    private long lastPlain;
    private int lastWidth;

    ProgressLine(PrintWriter err, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    static ProgressLine forStderr(PrintWriter err) {
        return new ProgressLine(err, System.console() != null && System.console().isTerminal(), System::nanoTime);
    }

    @Override
    public synchronized void update(String stageName, long done, long total) {
        long now = clock.getAsLong();
        if (!stageName.equals(stage)) {
            stage = stageName;
            stageStart = now;
            lastPlain = Long.MIN_VALUE;
        }
        String line = format(stageName, done, total, (now - stageStart) / 1e9);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            if (done >= total) {
                err.println();
                lastWidth = 0;
            }
            err.flush();
        } else if (done >= total || lastPlain == Long.MIN_VALUE || now - lastPlain >= PLAIN_INTERVAL_NANOS) {
            if (done > 0 || total == 0) {
                err.println(line);
                err.flush();
            }
            lastPlain = now;
        }
    }

    /** Writes a line of its own, clearing a refreshing line first. */
    synchronized void message(String text) {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        err.println(text);
        err.flush();
    }

    static String format(String stage, long done, long total, double seconds) {
        String rate = "";
        String eta = "--";
        if (done > 0 && seconds > 0) {
            double perSecond = done / seconds;
            rate = String.format(Locale.ROOT, ", %.1f/s", perSecond);
            long left = Math.round((total - done) / perSecond);
            eta = left >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", left / 3600, left % 3600 / 60)
                    : String.format(Locale.ROOT, "%dm%02ds", left / 60, left % 60);
        }
        return String.format(Locale.ROOT, "%s %d/%d%s, ETA %s", stage, done, total, rate, eta);
    }
}
