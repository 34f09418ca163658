package io.histoseek.app.gui.setup;

import io.histoseek.app.setup.DownloadListener;
import io.histoseek.app.setup.DownloadProgress;
import javafx.application.Platform;

import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Turns a download's progress into what the dialog shows (fraction, MB, MB/s, ETA) on the FX
 * thread, a few times a second. {@link #cancel} stops the download at the next chunk; the partial
 * file stays so the next try resumes.
 */
final class DownloadMeter implements DownloadListener {
    private static final long REFRESH_NANOS = 100_000_000L;

    private final Consumer<Reading> display;
    private volatile boolean cancelled;
    private long startNanos;
    private long startBytes;
    private long lastShownNanos;

    /** What the bar and the line under it show; fraction is -1 while the size is unknown. */
    record Reading(double fraction, long total, String text, boolean complete) {}

    DownloadMeter(Consumer<Reading> display) {
        this.display = display;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void started(long alreadyHave, long total) {
        startNanos = System.nanoTime();
        startBytes = alreadyHave;
        lastShownNanos = 0;
        show(alreadyHave, total, startNanos, false);
    }

    @Override
    public void progressed(long done, long total) {
        if (cancelled) {
            throw new CancellationException("download cancelled");
        }
        long now = System.nanoTime();
        if (now - lastShownNanos >= REFRESH_NANOS) {
            show(done, total, now, false);
        }
    }

    @Override
    public void finished(long done, long total) {
        show(done, total, System.nanoTime(), true);
    }

    @Override
    public void abandoned() {
        // the dialog shows the error that follows
    }

    private void show(long done, long total, long now, boolean complete) {
        lastShownNanos = now;
        Reading reading = reading(done, total, now - startNanos, done - startBytes, complete);
        Platform.runLater(() -> display.accept(reading));
    }

    static Reading reading(long done, long total, long elapsedNanos, long bytesThisTry, boolean complete) {
        double seconds = Math.max(1e-3, elapsedNanos / 1e9);
        double rate = bytesThisTry / seconds;
        StringBuilder text = new StringBuilder(DownloadProgress.bytes(done));
        if (total > 0) {
            text.append(" of ").append(DownloadProgress.bytes(total));
        }
        text.append(String.format(Locale.ROOT, "   %.1f MB/s", rate / 1e6));
        if (total > 0 && done < total && rate > 0) {
            text.append("   ETA ").append(DownloadProgress.duration((long) Math.ceil((total - done) / rate)));
        }
        return new Reading(total > 0 ? (double) done / total : -1, total, text.toString(), complete);
    }
}
