package io.histoseek.app.gui.search;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.export.GalleryExporter;
import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.export.TileRenderer;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.Controls;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.Query;
import io.histoseek.app.gui.model.SearchOptions;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The right-hand panel: search settings, what the search is doing, the gallery, and export. It
 * runs every query the model is asked for (and re-runs the last one when a setting changes),
 * and publishes what it found as the model's result; a double-clicked hit is asked to be opened.
 */
public final class SearchPanel extends VBox {
    static final String BY_SCORE = "Best first";
    static final String BY_SLIDE = "Grouped by slide";
    private static final String PROMPT = "Click tissue to search the archive (shift-drag for a region, ctrl-click to add an example).";
    static final String ANY_LABEL = "Any label";

    private final AppModel model;
    private final TileRenderer renderer;
    private final ResultsGallery gallery;
    private final SearchRunner runner = new SearchRunner(new Display());
    private final ExecutorService exporter = Background.thread("export");
    private final Spinner<Integer> k = new Spinner<>(1, 500, SearchOptions.DEFAULT.k());
    private final CheckBox excludeSameSlide = new CheckBox("Exclude this slide");
    private final Spinner<Integer> maxPerSlide = new Spinner<>(0, 500, SearchOptions.DEFAULT.maxPerSlide());
    private final ComboBox<String> order = new ComboBox<>();
    private final ComboBox<String> label = new ComboBox<>();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Label status = new Label(PROMPT);
    private final VBox aboveGallery = new VBox(6);
    private final Button export = Controls.button("exportButton", "Export gallery\u2026", this::chooseExportFolder);

    public SearchPanel(AppModel model, TileRenderer renderer) {
        this.model = model;
        this.renderer = renderer;
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
        label.setId("labelFilter");
        label.getItems().add(ANY_LABEL);
        label.setValue(ANY_LABEL);
        label.valueProperty().addListener((obs, old, now) -> {
            if (now != null) updateOptions();
        });
        model.labelsProperty().addListener((obs, old, now) -> showLabels(now.labels().names()));
        k.valueProperty().addListener((obs, old, now) -> updateOptions());
        maxPerSlide.valueProperty().addListener((obs, old, now) -> updateOptions());
        excludeSameSlide.selectedProperty().addListener((obs, old, now) -> updateOptions());
        progress.setId("searchProgress");
        progress.setPrefSize(22, 22);
        progress.setVisible(false);
        status.setId("searchStatus");
        status.setWrapText(true);
        export.setDisable(true);
        gallery.setOnOpen(model::openHit);
        model.onSearch(this::run);
        model.queryProperty().addListener((obs, old, query) -> {
            if (query == null) {
                runner.forget();
                status.setText(PROMPT);
                progress.setVisible(false);
                gallery.show(List.of());
                export.setDisable(true);
            }
        });
        model.optionsProperty().addListener((obs, old, now) -> {
            if (model.queryProperty().get() != null) {
                run(model.queryProperty().get());
            }
        });
        getChildren().addAll(rows());
    }

    private List<Node> rows() {
        HBox row1 = new HBox(6, new Label("Hits"), k, new Label("Max per slide"), maxPerSlide, new Label("(0: no limit)"));
        row1.setAlignment(Pos.CENTER_LEFT);
        HBox row2 = new HBox(10, excludeSameSlide, new Label("Order"), order, label);
        label.visibleProperty().bind(Bindings.size(label.getItems()).greaterThan(1));
        label.managedProperty().bind(label.visibleProperty());
        row2.setAlignment(Pos.CENTER_LEFT);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox statusRow = new HBox(6, progress, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        HBox exportRow = new HBox(export);
        exportRow.setAlignment(Pos.CENTER_RIGHT);
        VBox.setVgrow(gallery, Priority.ALWAYS);
        return List.of(row1, row2, statusRow, aboveGallery, gallery, exportRow);
    }

    public ResultsGallery gallery() {
        return gallery;
    }

    /** Room between the status line and the gallery for views of the query or result (examples, a vote). */
    public ObservableList<Node> aboveGallery() {
        return aboveGallery.getChildren();
    }

    private void run(Query query) {
        runner.search(model.archiveProperty().get(), query, model.optionsProperty().get());
    }

    private void updateOptions() {
        String only = ANY_LABEL.equals(label.getValue()) ? null : label.getValue();
        model.optionsProperty().set(new SearchOptions(k.getValue(), excludeSameSlide.isSelected(), maxPerSlide.getValue(), only));
    }

    /** The labels of the open archive to filter by; a chosen label that is gone falls back to any. */
    private void showLabels(List<String> names) {
        String chosen = label.getValue();
        List<String> items = new ArrayList<>();
        items.add(ANY_LABEL);
        items.addAll(names);
        label.getItems().setAll(items);
        label.setValue(items.contains(chosen) ? chosen : ANY_LABEL);
    }

    private void chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the gallery into a folder");
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            exportTo(dir.toPath());
        }
    }

    /**
     * Writes the current gallery (page, table, pictures, GeoJSON, and the query's heat map of each
     * hit slide) into {@code folder} in the background.
     */
    public CompletableFuture<List<Path>> exportTo(Path folder) {
        ResultGallery result = model.resultProperty().get();
        Query query = model.queryProperty().get();
        ArchiveSession archive = model.archiveProperty().get();
        if (result == null || query == null || archive == null) {
            model.statusProperty().set("Nothing to export: search first");
            return CompletableFuture.failedFuture(new IllegalStateException("no search result"));
        }
        model.statusProperty().set("Exporting to " + folder + "\u2026");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new GalleryExporter(renderer, archive.heatMaps(query)).export(result, folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, exporter).whenCompleteAsync((files, failure) -> model.statusProperty().set(failure == null
                ? "Exported " + files.size() + " files to " + folder
                : "Export failed: " + OneLine.of(failure)), Platform::runLater);
    }

    public void dispose() {
        runner.dispose();
        gallery.dispose();
        exporter.shutdownNow();
    }

    private final class Display implements SearchRunner.Display {
        @Override
        public void busy(String message) {
            progress.setVisible(true);
            status.setText(message);
        }

        @Override
        public void found(ResultGallery result, double millis) {
            model.resultProperty().set(result);
            List<GalleryTile> hits = result.hits();
            long slides = hits.stream().map(GalleryTile::slide).distinct().count();
            GalleryTile query = result.query();
            progress.setVisible(false);
            status.setText(String.format(Locale.ROOT, "%d hits on %d slides, %.0f ms; query tile at x %d, y %d",
                    hits.size(), slides, millis, query.x(), query.y()));
            gallery.show(hits);
            export.setDisable(hits.isEmpty());
        }

        @Override
        public void problem(String message) {
            progress.setVisible(false);
            status.setText(message);
        }
    }
}
