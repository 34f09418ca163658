package io.histoseek.app.gui.heatmap;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.Query;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.overlay.HeatMapOverlay;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.pipeline.SlideEmbedding;
import io.histoseek.index.slide.SlideImage;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the heat map on the viewer up to date while it is switched on: the query's map of the
 * slide on screen (the query's own slide, a hit's slide the user opened), computed again in the
 * background whenever the query, the archive or the slide changes; a newer request makes an older
 * one's map stale. A slide outside the archive has its tissue tiles embedded first, with progress
 * and Cancel ({@link EmbeddingProgress}), bounded by {@code Limits.HEAT_MAP_TILES}; its vectors are
 * kept while it stays on screen, so a new query only scores them again.
 */
public final class HeatMapController {
    private final AppModel model;
    private final SlideViewer viewer;
    private final HeatMapOverlay overlay;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final ExecutorService thread = Background.thread("heat-map");
    private final AtomicLong latest = new AtomicLong();
    private final EmbeddingProgress progress = new EmbeddingProgress(this::cancelEmbedding);
    private final AtomicBoolean cancel = new AtomicBoolean();
    /** The slide being embedded now (null: none); read on the FX thread to cancel it when another slide shows. */
    private volatile Path embedding;
    /** The last slide outside the archive embedded whole, on the heat-map thread only. */
    private Embedded embedded;

    private record Embedded(Path slide, long mtime, SlideEmbedding vectors) {
    }

    public HeatMapController(AppModel model, SlideViewer viewer, HeatMapOverlay overlay) {
        this.model = model;
        this.viewer = viewer;
        this.overlay = overlay;
        ChangeListener<Object> update = (obs, old, now) -> update();
        enabled.addListener(update);
        model.queryProperty().addListener(update);
        model.archiveProperty().addListener(update);
        viewer.imageProperty().addListener(update);
    }

    /** Whether the heat map is drawn (the toolbar's "Heat map"). */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    /** The progress of embedding a slide outside the archive, with its Cancel: for the viewer's corner. */
    public Node progress() {
        return progress;
    }

    /** Stops embedding the slide outside the archive (its heat map is not drawn). */
    public void cancelEmbedding() {
        cancel.set(true);
    }

    private void update() {
        long id = latest.incrementAndGet();
        Query query = model.queryProperty().get();
        ArchiveSession archive = model.archiveProperty().get();
        SlideImage image = viewer.getImage();
        Path embeddingNow = embedding;
        if (!enabled.get() || query == null || archive == null || !archive.searchable() || image == null) {
            overlay.clear();
            if (embeddingNow != null) {
                cancelEmbedding();
            }
            return;
        }
        Path slide = image.file();
        if (embeddingNow != null && !embeddingNow.equals(slide)) {
            cancelEmbedding();
        }
        model.statusProperty().set("Heat map of " + image.name() + "\u2026");
        thread.execute(() -> {
            if (id != latest.get()) {
                return;
            }
            try {
                long start = System.nanoTime();
                Optional<HeatMap> map = archive.heatMap(query, slide);
                if (map.isEmpty() && archive.needsEmbedding(slide)) {
                    SlideEmbedding vectors = vectorsOf(archive, slide, image.name());
                    start = System.nanoTime();
                    map = Optional.of(HeatMap.score(vectors.tiles(), vectors.vectors(), archive.scoring(query)));
                }
                double millis = (System.nanoTime() - start) / 1e6;
                Optional<HeatMap> computed = map;
                onScreen(id, () -> show(slide, image.name(), computed, millis));
            } catch (CancellationException e) {
                onScreen(id, () -> {
                    overlay.clear();
                    model.statusProperty().set("Heat map of " + image.name() + ": cancelled");
                });
            } catch (RuntimeException e) {
                onScreen(id, () -> {
                    overlay.clear();
                    model.statusProperty().set("Heat map: " + OneLine.of(e));
                });
            }
        });
    }

    /** The slide's vectors: kept from the last time, or embedded now with progress (on the heat-map thread). */
    private SlideEmbedding vectorsOf(ArchiveSession archive, Path slide, String name) {
        long mtime = modified(slide);
        if (embedded != null && embedded.slide().equals(slide) && embedded.mtime() == mtime) {
            return embedded.vectors();
        }
        embedded = null;
        cancel.set(false);
        embedding = slide;
        Platform.runLater(() -> progress.start(name));
        try {
            SlideEmbedding vectors = archive.embedSlide(slide,
                    (done, all) -> Platform.runLater(() -> progress.update(name, done, all)), cancel::get);
            embedded = new Embedded(slide, mtime, vectors);
            return vectors;
        } finally {
            embedding = null;
            Platform.runLater(progress::hide);
        }
    }

    private static long modified(Path slide) {
        try {
            return Files.getLastModifiedTime(slide).toMillis();
        } catch (IOException e) {
            return -1; // the embedder says what is wrong with the file
        }
    }

    private void show(Path slide, String name, Optional<HeatMap> map, double millis) {
        if (map.isEmpty() || map.get().isEmpty()) {
            overlay.clear();
            model.statusProperty().set(name + ": no heat map, the slide has no tissue tiles");
            return;
        }
        overlay.show(slide, map.get());
        model.statusProperty().set(String.format(Locale.ROOT, "Heat map of %s: %,d tiles in %.0f ms",
                name, map.get().tiles().size(), millis));
    }

    private void onScreen(long id, Runnable show) {
        Platform.runLater(() -> {
            if (id == latest.get()) {
                show.run();
            }
        });
    }

    public void dispose() {
        cancelEmbedding();
        thread.shutdownNow();
    }
}
