package io.histoseek.index.pipeline;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints progress for a person: on a terminal one line refreshed in place with {@code \r}; in a
 * log or pipe a plain line at most every {@code plainInterval}, so logs stay readable. Failures and
 * vanished slides always get a line of their own.
 */
public final class TextProgressPrinter implements IndexingListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final long plainIntervalNanos;
    private long lastPlainLine = Long.MIN_VALUE;
    private int lastWidth;

    public TextProgressPrinter(PrintWriter out, boolean terminal, Duration plainInterval) {
        this.out = out;
        this.terminal = terminal;
        this.plainIntervalNanos = plainInterval.toNanos();
    }

    /** For stderr (or what stands for it): refreshing when a console is attached, plain lines every 10 s otherwise. */
    public static TextProgressPrinter forStderr(PrintWriter err) {
        return new TextProgressPrinter(err, System.console() != null && System.console().isTerminal(), Duration.ofSeconds(10));
    }

    @Override
    public synchronized void progress(IndexingProgress progress) {
        String line = format(progress);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            out.flush();
        } else {
            long now = System.nanoTime();
            boolean finished = progress.slidesDone() == progress.slidesTotal();
            if (finished || lastPlainLine == Long.MIN_VALUE || now - lastPlainLine >= plainIntervalNanos) {
                out.println(line);
                out.flush();
                lastPlainLine = now;
            }
        }
    }

    @Override
    public synchronized void slideFinished(SlideOutcome outcome) {
        if (outcome.status() == SlideOutcome.Status.FAILED) {
            message("failed: " + outcome.slide() + ": " + outcome.reason());
        }
    }

    @Override
    public synchronized void slideVanished(String slide) {
        message("missing: " + slide + " (no longer on disk; its tiles stay in the archive)");
    }

    @Override
    public synchronized void note(String message) {
        message(message);
    }

    /** Ends the refreshing line so whatever follows starts on a fresh line. */
    public synchronized void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
    }

    private void message(String text) {
        if (terminal && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        out.println(text);
        out.flush();
    }

    static String format(IndexingProgress p) {
        String eta = p.eta().map(TextProgressPrinter::formatDuration).orElse("--");
        return String.format(Locale.ROOT, "slides %d/%d, tiles %d, %.1f tiles/s, ETA %s%s",
                p.slidesDone(), p.slidesTotal(), p.tilesDone(), p.tilesPerSecond(), eta,
                p.currentSlide().map(s -> ", " + fileName(s)).orElse(""));
    }

    /** The file name only: a long path would wrap the refreshing line on a narrow terminal. */
    private static String fileName(String slide) {
        return slide.substring(slide.lastIndexOf('/') + 1);
    }

    static String formatDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
