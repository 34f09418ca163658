package io.histoseek.app.gui.heatmap;

import io.histoseek.app.gui.fx.Controls;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

import java.util.Locale;

/** Over the viewer while a slide outside the archive is embedded for its heat map: how far, and Cancel. */
final class EmbeddingProgress extends HBox {
    private final Label label = new Label();
    private final ProgressBar bar = new ProgressBar(0);

    EmbeddingProgress(Runnable cancel) {
        super(8);
        setId("heatMapProgress");
        getStyleClass().add("heat-map-controls");
        setAlignment(Pos.CENTER_LEFT);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        bar.setPrefWidth(140);
        getChildren().addAll(label, bar, Controls.button("cancelHeatMap", "Cancel", cancel));
        hide();
    }

    void start(String slide) {
        label.setText("Embedding " + slide + " for its heat map\u2026");
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        setVisible(true);
        setManaged(true);
    }

    void update(String slide, int done, int all) {
        label.setText(String.format(Locale.ROOT, "Embedding %s: %,d of %,d tiles", slide, done, all));
        bar.setProgress((double) done / all);
    }

    void hide() {
        setVisible(false);
        setManaged(false);
    }
}
