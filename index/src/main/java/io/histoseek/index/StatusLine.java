package io.histoseek.index;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for a person: on a terminal one line refreshed in place with {@code \r}; in a log or
 * pipe a plain line at most every {@code plainInterval}, so logs stay readable. Messages always
 * get a line of their own. Every long job's progress printer writes through one of these.
 */
public final class StatusLine {
    private final PrintWriter out;
    private final boolean terminal;
    private final long plainIntervalNanos;
    private final LongSupplier clock;
    private long lastPlainLine = Long.MIN_VALUE;
    private int lastWidth;

    public StatusLine(PrintWriter out, boolean terminal, Duration plainInterval, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.plainIntervalNanos = plainInterval.toNanos();
        this.clock = clock;
    }

    /** For stderr (or what stands for it): refreshing when a console is attached, plain lines every 10 s otherwise. */
    public static StatusLine forStderr(PrintWriter err) {
        return new StatusLine(err, System.console() != null && System.console().isTerminal(), Duration.ofSeconds(10), System::nanoTime);
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Shows {@code line}; in a log only when an interval has passed since the last one, or when {@code mustPrint}. */
    public synchronized void show(String line, boolean mustPrint) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            out.flush();
            return;
        }
        long now = clock.getAsLong();
        if (mustPrint || lastPlainLine == Long.MIN_VALUE || now - lastPlainLine >= plainIntervalNanos) {
            out.println(line);
            out.flush();
            lastPlainLine = now;
        }
    }

    /** The next plain line waits a whole interval from now (a stage that just started has nothing to say yet). */
    public synchronized void holdPlainLines() {
        lastPlainLine = clock.getAsLong();
    }

    /** Writes a line of its own, clearing a refreshing line first. */
    public synchronized void message(String text) {
        if (terminal && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        out.println(text);
        out.flush();
    }

    /** Ends the refreshing line so whatever follows starts on a fresh line. */
    public synchronized void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
            out.flush();
            lastWidth = 0;
        }
    }

    /** "1m15s", "2h05m": how long is left, at the precision a person reads. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
