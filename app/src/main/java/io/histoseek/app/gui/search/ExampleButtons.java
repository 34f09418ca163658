package io.histoseek.app.gui.search;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.index.search.Example;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.util.function.Function;

/**
 * "More like this" and "not like this" under a hit's card (a {@link ResultsGallery#cardExtras()}
 * maker): each adds the hit's tile to the query as a positive or negative example (the point at
 * its centre, so it names that tile and no neighbour) and the query is searched again.
 */
public final class ExampleButtons implements Function<GalleryTile, Node> {
    private final AppModel model;

    public ExampleButtons(AppModel model) {
        this.model = model;
    }

    @Override
    public Node apply(GalleryTile hit) {
        HBox buttons = new HBox(4, button(hit, true), button(hit, false));
        buttons.getStyleClass().add("example-buttons");
        return buttons;
    }

    private Button button(GalleryTile hit, boolean positive) {
        Button button = new Button(positive ? "+ More" : "\u2212 Not");
        button.getStyleClass().addAll("example-button", positive ? "vote-more" : "vote-not");
        button.setId(positive ? "moreLikeThis" : "notLikeThis");
        button.setTooltip(new Tooltip(positive ? "More like this: add it to the query" : "Not like this: steer the query away from it"));
        button.setOnAction(event -> model.addExample(Example.point(hit.slide(), hit.x() + hit.width() / 2,
                hit.y() + hit.height() / 2, positive)));
        return button;
    }
}
