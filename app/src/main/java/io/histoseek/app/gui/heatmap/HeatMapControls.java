package io.histoseek.app.gui.heatmap;

import io.histoseek.app.gui.fx.Controls;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.overlay.HeatMapOverlay;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatScale;
import io.histoseek.index.heatmap.HotRegion;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.Locale;

/**
 * The heat map's legend and controls over the viewer's corner: the colour bar from the map's
 * lowest to its highest similarity with the threshold marked, a slider for the threshold (tiles
 * below it are not drawn), and "Next hot region", which centres the view on the touching tiles
 * above the threshold, hottest first, one group per press. Shown while the viewer's slide has a map.
 */
public final class HeatMapControls extends VBox {
    static final double LEGEND_WIDTH = 220;
    private static final double LEGEND_HEIGHT = 14;

    private final HeatMapOverlay overlay;
    private final SlideViewer viewer;
    private final Canvas legend = new Canvas(LEGEND_WIDTH, LEGEND_HEIGHT);
    private final Label low = new Label();
    private final Label high = new Label();
    private final Label shownAbove = new Label();
    private final Slider threshold = new Slider(0, 1, 0);
    private final Label regionLine = new Label();
    private int nextRegion;

    public HeatMapControls(HeatMapOverlay overlay, SlideViewer viewer) {
        this.overlay = overlay;
        this.viewer = viewer;
        setId("heatMapControls");
        getStyleClass().add("heat-map-controls");
        setSpacing(4);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        threshold.setId("heatThreshold");
        threshold.setPrefWidth(LEGEND_WIDTH);
        shownAbove.setId("heatThresholdText");
        regionLine.setId("heatRegionLine");
        low.setId("heatLow");
        high.setId("heatHigh");
        Button next = Controls.button("nextHotRegion", "Next hot region \u25b6", this::nextHotRegion);
        Label title = new Label("Similarity to the query");
        title.getStyleClass().add("heat-map-title");
        BorderPane ends = new BorderPane();
        ends.setLeft(low);
        ends.setRight(high);
        ends.setPrefWidth(LEGEND_WIDTH);
        HBox nextRow = new HBox(8, next, regionLine);
        nextRow.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, legend, ends, threshold, shownAbove, nextRow);
        threshold.valueProperty().bindBidirectional(overlay.thresholdProperty());
        overlay.thresholdProperty().addListener((obs, old, now) -> thresholdChanged());
        overlay.shownProperty().addListener((obs, old, now) -> mapChanged());
        viewer.imageProperty().addListener((obs, old, now) -> updateVisibility());
        mapChanged();
    }

    private HeatMap map() {
        HeatMapOverlay.Shown shown = overlay.shownProperty().get();
        return shown == null ? null : shown.map();
    }

    private void mapChanged() {
        HeatMap map = map();
        if (map != null && !map.isEmpty()) {
            // the overlay sets its threshold for the new map right after; order keeps min <= max meanwhile
            if (map.min() > threshold.getMax()) {
                threshold.setMax(map.max());
                threshold.setMin(map.min());
            } else {
                threshold.setMin(map.min());
                threshold.setMax(map.max());
            }
            low.setText(String.format(Locale.ROOT, "%.3f", map.min()));
            high.setText(String.format(Locale.ROOT, "%.3f", map.max()));
        }
        thresholdChanged();
        updateVisibility();
    }

    private void thresholdChanged() {
        nextRegion = 0;
        regionLine.setText("");
        HeatMap map = map();
        if (map == null || map.isEmpty()) {
            return;
        }
        double cut = overlay.thresholdProperty().get();
        long above = map.tiles().stream().filter(t -> t.similarity() >= cut).count();
        shownAbove.setText(String.format(Locale.ROOT, "showing %,d of %,d tiles \u2265 %.3f", above, map.tiles().size(), cut));
        paintLegend(map, cut);
    }

    private void paintLegend(HeatMap map, double cut) {
        GraphicsContext g = legend.getGraphicsContext2D();
        for (int x = 0; x < LEGEND_WIDTH; x++) {
            int argb = HeatScale.argb(x / (LEGEND_WIDTH - 1));
            g.setFill(Color.rgb(argb >> 16 & 255, argb >> 8 & 255, argb & 255));
            g.fillRect(x, 0, 1, LEGEND_HEIGHT);
        }
        // below the threshold: greyed, as those tiles are not drawn
        double at = HeatScale.position(map, cut) * LEGEND_WIDTH;
        g.setFill(Color.color(0.2, 0.2, 0.2, 0.7));
        g.fillRect(0, 0, at, LEGEND_HEIGHT);
        g.setStroke(Color.WHITE);
        g.setLineWidth(2);
        g.strokeLine(at, 0, at, LEGEND_HEIGHT);
    }

    private void updateVisibility() {
        HeatMapOverlay.Shown shown = overlay.shownProperty().get();
        boolean onThisSlide = shown != null && viewer.getImage() != null && shown.slide().equals(viewer.getImage().file());
        setVisible(onThisSlide);
        setManaged(onThisSlide);
    }

    /** Centres the view on the next group of hot tiles (hottest first, round again after the last). */
    public void nextHotRegion() {
        HeatMap map = map();
        if (map == null) {
            return;
        }
        List<HotRegion> regions = map.hotRegions(overlay.thresholdProperty().get());
        if (regions.isEmpty()) {
            regionLine.setText("no tile at or above the threshold");
            return;
        }
        int index = nextRegion % regions.size();
        HotRegion region = regions.get(index);
        nextRegion = index + 1;
        viewer.centreOn(new ImageRegion(region.x(), region.y(), region.width(), region.height()));
        regionLine.setText(String.format(Locale.ROOT, "%d of %d \u00b7 peak %.3f \u00b7 %d tiles", index + 1, regions.size(),
                region.peak().similarity(), region.tiles().size()));
    }
}
