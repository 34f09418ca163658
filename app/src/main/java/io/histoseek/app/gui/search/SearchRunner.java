package io.histoseek.app.gui.search;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.Query;
import io.histoseek.app.gui.model.SearchOptions;
import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs queries against the open archive on a background thread; a newer query makes an older
 * one's result stale, so only the latest reaches the screen.
 */
final class SearchRunner {
    /** What the panel shows while and after a search runs; called on the FX thread. */
    interface Display {
        void busy(String message);

        void found(ResultGallery result, double millis);

        void problem(String message);
    }

    private final Display display;
    private final ExecutorService thread = Background.thread("search");
    private final AtomicLong latest = new AtomicLong();

    SearchRunner(Display display) {
        this.display = display;
    }

    /** Makes every search in flight stale: its result is not shown. */
    void forget() {
        latest.incrementAndGet();
    }

    void search(ArchiveSession archive, Query query, SearchOptions options) {
        long id = latest.incrementAndGet();
        if (archive == null) {
            display.problem("Open an archive first (or index a folder to make one).");
            return;
        }
        display.busy("Searching\u2026");
        thread.execute(() -> {
            long start = System.nanoTime();
            if (query.examples().stream().anyMatch(example -> archive.needsEmbedding(example.slide()))) {
                onScreen(id, () -> display.busy("This slide is not in the archive: embedding the query tile with the archive's model\u2026"));
            }
            try {
                ResultGallery result = archive.search(query, options);
                double millis = (System.nanoTime() - start) / 1e6;
                onScreen(id, () -> display.found(result, millis));
            } catch (RuntimeException e) {
                onScreen(id, () -> display.problem(OneLine.of(e)));
            }
        });
    }

    private void onScreen(long id, Runnable show) {
        Platform.runLater(() -> {
            if (id == latest.get()) {
                show.run();
            }
        });
    }

    void dispose() {
        thread.shutdownNow();
    }
}
