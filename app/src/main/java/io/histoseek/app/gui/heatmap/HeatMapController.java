package io.histoseek.app.gui.heatmap;

import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.Messages;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.Query;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.overlay.HeatMapOverlay;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.slide.SlideImage;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the heat map on the viewer up to date while it is switched on: the query's map of the
 * slide on screen (the query's own slide, a hit's slide the user opened), computed again in the
 * background whenever the query, the archive or the slide changes. A newer request makes an older
 * one's map stale; only the latest reaches the overlay.
 */
public final class HeatMapController {
    private final AppModel model;
    private final SlideViewer viewer;
    private final HeatMapOverlay overlay;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final ExecutorService thread = Background.thread("heat-map");
    private final AtomicLong latest = new AtomicLong();

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

    private void update() {
        long id = latest.incrementAndGet();
        Query query = model.queryProperty().get();
        ArchiveSession archive = model.archiveProperty().get();
        SlideImage image = viewer.getImage();
        if (!enabled.get() || query == null || archive == null || !archive.searchable() || image == null) {
            overlay.clear();
            return;
        }
        Path slide = image.file();
        model.statusProperty().set("Heat map of " + image.name() + "\u2026");
        thread.execute(() -> {
            if (id != latest.get()) {
                return;
            }
            try {
                long start = System.nanoTime();
                Optional<HeatMap> map = archive.heatMap(query, slide);
                double millis = (System.nanoTime() - start) / 1e6;
                onScreen(id, () -> show(slide, image.name(), map, millis));
            } catch (RuntimeException e) {
                onScreen(id, () -> {
                    overlay.clear();
                    model.statusProperty().set("Heat map: " + Messages.oneLine(e));
                });
            }
        });
    }

    private void show(Path slide, String name, Optional<HeatMap> map, double millis) {
        if (map.isEmpty() || map.get().isEmpty()) {
            overlay.clear();
            model.statusProperty().set(name + ": no heat map, the archive holds no tiles of this slide");
            return;
        }
        overlay.show(slide, map.get());
        model.statusProperty().set(String.format(java.util.Locale.ROOT, "Heat map of %s: %,d tiles in %.0f ms",
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
        thread.shutdownNow();
    }
}
