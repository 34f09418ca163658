package io.histoseek.index.pipeline;

import io.histoseek.index.StatusLine;
import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriterInfo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints an indexing run's progress for a person through a {@link StatusLine}: slides, tiles,
 * tiles/s and ETA. Failures and vanished slides always get a line of their own.
 */
public final class TextProgressPrinter implements IndexingListener {
    private final StatusLine line;

    public TextProgressPrinter(PrintWriter out, boolean terminal, Duration plainInterval) {
        this(new StatusLine(out, terminal, plainInterval, System::nanoTime));
    }

    private TextProgressPrinter(StatusLine line) {
        this.line = line;
    }

    /** For stderr (or what stands for it): refreshing when a console is attached, plain lines every 10 s otherwise. */
    public static TextProgressPrinter forStderr(PrintWriter err) {
        return new TextProgressPrinter(StatusLine.forStderr(err));
    }

    @Override
    public void progress(IndexingProgress progress) {
        line.show(format(progress), progress.slidesDone() == progress.slidesTotal());
    }

    @Override
    public void slideFinished(SlideOutcome outcome) {
        if (outcome.status() == SlideOutcome.Status.FAILED) {
            line.message("failed: " + outcome.slide() + ": " + outcome.reason());
        }
    }

    @Override
    public void slideVanished(String slide) {
        line.message("missing: " + slide + " (no longer on disk; its tiles stay in the archive)");
    }

    @Override
    public void note(String message) {
        line.message(message);
    }

    @Override
    public void waitingForWriter(ArchiveWriterInfo holder) {
        line.message(ArchiveProgress.waitingLine(holder));
    }

    /** Ends the refreshing line so whatever follows starts on a fresh line. */
    public void finish() {
        line.finish();
    }

    static String format(IndexingProgress p) {
        String eta = p.eta().map(StatusLine::duration).orElse("--");
        return String.format(Locale.ROOT, "slides %d/%d, tiles %d, %.1f tiles/s, ETA %s%s",
                p.slidesDone(), p.slidesTotal(), p.tilesDone(), p.tilesPerSecond(), eta,
                p.currentSlide().map(s -> ", " + fileName(s)).orElse(""));
    }

    /** The file name only: a long path would wrap the refreshing line on a narrow terminal. */
    private static String fileName(String slide) {
        return slide.substring(slide.lastIndexOf('/') + 1);
    }
}
