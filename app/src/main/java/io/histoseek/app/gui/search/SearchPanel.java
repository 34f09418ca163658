package io.histoseek.app.gui.search;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.TileRenderer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Consumer;

/** The right-hand panel: search settings, what the search is doing, the gallery, and export. */
public final class SearchPanel extends VBox {
    static final String BY_SCORE = "Best first";
    static final String BY_SLIDE = "Grouped by slide";

    private final ResultsGallery gallery;
    private final Spinner<Integer> k = new Spinner<>(1, 500, SearchOptions.DEFAULT.k());
    private final CheckBox excludeSameSlide = new CheckBox("Exclude this slide");
    private final Spinner<Integer> maxPerSlide = new Spinner<>(0, 500, SearchOptions.DEFAULT.maxPerSlide());
    private final ComboBox<String> order = new ComboBox<>();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label("Click tissue to search the archive (shift-drag for a region).");
    private final Button export = new Button("Export gallery\u2026");
    private final ObjectProperty<SearchOptions> options = new SimpleObjectProperty<>(this, "options", SearchOptions.DEFAULT);

    public SearchPanel(TileRenderer renderer) {
        this.gallery = new ResultsGallery(renderer);
        setId("searchPanel");
        setSpacing(6);
        setPadding(new Insets(8));
        setPrefWidth(540);
        k.setId("kSpinner");
        k.setEditable(true);
        k.setPrefWidth(80);
        maxPerSlide.setId("maxPerSlideSpinner");
        maxPerSlide.setEditable(true);
        maxPerSlide.setPrefWidth(80);
        excludeSameSlide.setId("excludeSameSlide");
        order.setId("orderBox");
        order.getItems().addAll(BY_SCORE, BY_SLIDE);
        order.setValue(BY_SCORE);
        order.valueProperty().addListener((obs, old, now) -> gallery.setGrouped(BY_SLIDE.equals(now)));
        k.valueProperty().addListener((obs, old, now) -> updateOptions());
        maxPerSlide.valueProperty().addListener((obs, old, now) -> updateOptions());
        excludeSameSlide.selectedProperty().addListener((obs, old, now) -> updateOptions());
        progress.setId("searchProgress");
        progress.setPrefSize(22, 22);
        progress.setVisible(false);
        status.setId("searchStatus");
        status.setWrapText(true);
        export.setId("exportButton");
        export.setDisable(true);

        HBox row1 = new HBox(6, new Label("Hits"), k, new Label("Max per slide"), maxPerSlide, new Label("(0: no limit)"));
        row1.setAlignment(Pos.CENTER_LEFT);
        HBox row2 = new HBox(10, excludeSameSlide, new Label("Order"), order);
        row2.setAlignment(Pos.CENTER_LEFT);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox statusRow = new HBox(6, progress, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        HBox exportRow = new HBox(export);
        exportRow.setAlignment(Pos.CENTER_RIGHT);
        VBox.setVgrow(gallery, Priority.ALWAYS);
        getChildren().addAll(row1, row2, statusRow, gallery, exportRow);
    }

    public ObjectProperty<SearchOptions> optionsProperty() {
        return options;
    }

    public ResultsGallery gallery() {
        return gallery;
    }

    public void setOnOpenHit(Consumer<GalleryTile> handler) {
        gallery.setOnOpen(handler);
    }

    public void setOnExport(Runnable handler) {
        export.setOnAction(event -> handler.run());
    }

    /** A search is under way (for example embedding a tile of a slide outside the archive). */
    public void showBusy(String message) {
        progress.setVisible(true);
        status.setText(message);
    }

    public void showHits(List<GalleryTile> hits, String message) {
        progress.setVisible(false);
        status.setText(message);
        gallery.show(hits);
        export.setDisable(hits.isEmpty());
    }

    public void showProblem(String message) {
        progress.setVisible(false);
        status.setText(message);
    }

    private void updateOptions() {
        options.set(new SearchOptions(k.getValue(), excludeSameSlide.isSelected(), maxPerSlide.getValue()));
    }
}
