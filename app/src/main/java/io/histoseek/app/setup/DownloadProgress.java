package io.histoseek.app.setup;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a download's bytes, rate and time left on stderr: one refreshing line on a terminal,
 * a plain line every few seconds otherwise (logs, pipes).
 */
public final class DownloadProgress implements DownloadListener {
    private static final long TERMINAL_REFRESH_NANOS = 200_000_000L;
    private static final long PLAIN_REFRESH_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String name;
    private long startNanos;
    private long startBytes;
    private long lastPrintNanos;
    private boolean printedRefreshingLine;

    public DownloadProgress(PrintStream out, boolean terminal, String name) {
        this.out = out;
        this.terminal = terminal;
        this.name = name;
    }

    @Override
    public void started(long alreadyHave, long total) {
        startNanos = System.nanoTime();
        startBytes = alreadyHave;
        lastPrintNanos = startNanos;
        if (alreadyHave > 0) {
            out.printf(Locale.ROOT, "%s: resuming at %s of %s%n", name, bytes(alreadyHave), bytes(total));
        }
    }

    @Override
    public void progressed(long done, long total) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < (terminal ? TERMINAL_REFRESH_NANOS : PLAIN_REFRESH_NANOS)) {
            return;
        }
        lastPrintNanos = now;
        print(line(done, total, now), false);
    }

    @Override
    public void finished(long done, long total) {
        print(line(done, total, System.nanoTime()), true);
    }

    String line(long done, long total, long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double rate = (done - startBytes) / seconds;
        StringBuilder line = new StringBuilder(name).append(": ").append(bytes(done));
        if (total > 0) {
            line.append(" of ").append(bytes(total))
                    .append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * done / total)));
        }
        line.append(String.format(Locale.ROOT, "  %.1f MB/s", rate / 1e6));
        if (total > 0 && done < total && rate > 0) {
            line.append("  ETA ").append(duration((long) ((total - done) / rate)));
        }
        return line.toString();
    }

    private void print(String line, boolean last) {
        if (terminal) {
            out.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
            printedRefreshingLine = !last;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends a refreshing line before an error message is printed below it. */
    @Override
    public void abandoned() {
        if (printedRefreshingLine) {
            out.println();
            printedRefreshingLine = false;
        }
    }

    public static String bytes(long count) {
        if (count >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GB", count / 1e9);
        }
        if (count >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", count / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f kB", count / 1e3);
    }

    public static String duration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
