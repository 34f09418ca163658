package io.histoseek.app.gui.search;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.TileRenderer;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.Controls;
import io.histoseek.app.gui.fx.FxImages;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.Query;
import io.histoseek.index.search.Example;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;

/**
 * The query's examples as chips above the results: each with its picture, + or -, its slide's
 * name and a button that removes it; "Undo" takes back the last change of the query, "Clear all"
 * drops it. Reads and changes the query through the {@link AppModel} only (which searches again).
 */
public final class ExampleChips extends VBox {
    static final int PICTURE = 36;

    private final AppModel model;
    private final TileRenderer renderer;
    private final ExecutorService renderThread = Background.thread("example-pictures");
    private final FlowPane chips = new FlowPane(6, 6);

    public ExampleChips(AppModel model, TileRenderer renderer) {
        this.model = model;
        this.renderer = renderer;
        setId("exampleChips");
        setSpacing(4);
        Button undo = Controls.button("undoExample", "Undo", model::undo);
        undo.disableProperty().bind(model.canUndoProperty().not());
        Button clear = Controls.button("clearExamples", "Clear all", model::clearQuery);
        clear.disableProperty().bind(model.queryProperty().isNull());
        Label title = new Label("Examples");
        title.getStyleClass().add("section-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(6, title, new Label("ctrl/\u2318-click the slide to add one"), gap, undo, clear);
        header.setAlignment(Pos.CENTER_LEFT);
        chips.setId("exampleChipList");
        chips.prefWrapLengthProperty().bind(widthProperty());
        getChildren().addAll(header, chips);
        model.queryProperty().addListener((obs, old, query) -> show(query));
        show(model.queryProperty().get());
    }

    /** The chips shown now, in the query's order. */
    public FlowPane chips() {
        return chips;
    }

    private void show(Query query) {
        chips.getChildren().clear();
        if (query != null) {
            query.examples().forEach(example -> chips.getChildren().add(chip(example)));
        }
    }

    private HBox chip(Example example) {
        ImageView picture = new ImageView();
        picture.setFitWidth(PICTURE);
        picture.setFitHeight(PICTURE);
        picture.setPreserveRatio(true);
        Label sign = new Label(example.positive() ? "+" : "\u2212");
        sign.getStyleClass().add("example-sign");
        String name = slideName(example.slide());
        Label slide = new Label(name);
        slide.setMaxWidth(120);
        Button remove = Controls.button(null, "\u00d7", () -> model.removeExample(example));
        remove.getStyleClass().add("example-remove");
        remove.setTooltip(new Tooltip("Remove this example"));
        HBox chip = new HBox(4, picture, sign, slide, remove);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().addAll("example-chip", example.positive() ? "positive" : "negative");
        chip.setUserData(example);
        Tooltip.install(chip, new Tooltip(String.format(Locale.ROOT, "%s example\n%s\nx %d, y %d%s",
                example.positive() ? "Positive (more like this)" : "Negative (not like this)", example.slide(), example.x(),
                example.y(), example.isPoint() ? "" : ", " + example.width() + "\u00d7" + example.height() + " px")));
        renderThread.execute(() -> picture(example).map(FxImages::of)
                .ifPresent(image -> Platform.runLater(() -> picture.setImage(image))));
        return chip;
    }

    private Optional<BufferedImage> picture(Example example) {
        int side = PICTURE * 2;
        return example.isPoint() ? renderer.renderAround(example.slide(), example.x(), example.y(), side)
                : renderer.render(new GalleryTile(0, 0, example.slide(), example.x(), example.y(), example.width(),
                example.height(), OptionalDouble.empty()), side);
    }

    private static String slideName(Path slide) {
        Path name = slide.getFileName();
        return name == null ? slide.toString() : name.toString();
    }

    public void dispose() {
        renderThread.shutdownNow();
    }
}
