package io.histoseek.app.gui.cases;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.index.archive.SlideLabel;
import javafx.scene.Node;
import javafx.scene.control.Label;

import java.util.function.Function;

/** The line under a result card that names its slide's label (empty for a slide without one). */
final class CardLabels implements Function<GalleryTile, Node> {
    private final AppModel model;

    CardLabels(AppModel model) {
        this.model = model;
    }

    @Override
    public Node apply(GalleryTile hit) {
        Label label = new Label(model.labelsProperty().get().of(hit.slide()).map(SlideLabel::label).orElse(""));
        label.getStyleClass().add("slide-label");
        label.setMaxWidth(132);
        return label;
    }
}
