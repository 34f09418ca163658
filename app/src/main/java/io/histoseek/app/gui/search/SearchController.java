package io.histoseek.app.gui.search;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.Outline;
import io.histoseek.app.gui.viewer.SlideViewer;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Turns a click or a dragged rectangle on the viewer into an archive search on a background
 * thread, outlines the queried area, and fills the gallery; a newer query makes an older one's
 * result stale. Changing k, exclusion or the per-slide cap re-runs the last query.
 */
public final class SearchController {
    private final SlideViewer viewer;
    private final SearchPanel panel;
    private final Supplier<Optional<ArchiveSession>> session;
    private final ExecutorService searchThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "search");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong latest = new AtomicLong();
    private Path lastSlide;
    private ImageRegion lastRegion;
    private ResultGallery lastResult;

    public SearchController(SlideViewer viewer, SearchPanel panel, Supplier<Optional<ArchiveSession>> session) {
        this.viewer = viewer;
        this.panel = panel;
        this.session = session;
        panel.optionsProperty().addListener((obs, old, now) -> {
            if (lastSlide != null) {
                search(lastSlide, lastRegion);
            }
        });
    }

    public Optional<ResultGallery> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    /** Searches the archive for tissue like {@code region} of {@code slide} (a point or a rectangle). */
    public void search(Path slide, ImageRegion region) {
        Optional<ArchiveSession> open = session.get();
        if (open.isEmpty()) {
            panel.showProblem("Open an archive first (or index a folder to make one).");
            return;
        }
        lastSlide = slide;
        lastRegion = region;
        long id = latest.incrementAndGet();
        if (!region.isPoint()) {
            viewer.getOutlines().setAll(new Outline(region, Outline.QUERY, "query"));
        }
        ArchiveSession archive = open.get();
        SearchOptions options = panel.optionsProperty().get();
        panel.showBusy("Searching\u2026");
        searchThread.execute(() -> {
            long start = System.nanoTime();
            if (archive.needsEmbedding(slide)) {
                Platform.runLater(() -> {
                    if (id == latest.get()) {
                        panel.showBusy("This slide is not in the archive: embedding the query tile with the archive's model\u2026");
                    }
                });
            }
            try {
                ResultGallery result = archive.search(slide, region.x(), region.y(), region.width(), region.height(), options);
                double millis = (System.nanoTime() - start) / 1e6;
                Platform.runLater(() -> {
                    if (id == latest.get()) {
                        show(slide, result, millis);
                    }
                });
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                Platform.runLater(() -> {
                    if (id == latest.get()) {
                        panel.showProblem(message);
                    }
                });
            }
        });
    }

    private void show(Path slide, ResultGallery result, double millis) {
        lastResult = result;
        GalleryTile query = result.query();
        if (viewer.getSource() != null && slide.equals(lastSlide)) {
            viewer.getOutlines().setAll(new Outline(new ImageRegion(query.x(), query.y(), query.width(), query.height()),
                    Outline.QUERY, "query"));
        }
        long slides = result.hits().stream().map(GalleryTile::slide).distinct().count();
        panel.showHits(result.hits(), String.format(Locale.ROOT, "%d hits on %d slides, %.0f ms; query tile at x %d, y %d",
                result.hits().size(), slides, millis, query.x(), query.y()));
    }

    public void dispose() {
        searchThread.shutdownNow();
    }
}
