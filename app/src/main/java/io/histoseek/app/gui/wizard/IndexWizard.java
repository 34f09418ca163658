package io.histoseek.app.gui.wizard;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Precision;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The folder-indexing wizard, in its own (non-modal) window: 1 folders, archive and checkpoint;
 * 2 a preview of what was found with tile and time estimates; 3 options; 4 the run.
 */
public final class IndexWizard {
    public static final String TITLE = "Histoseek \u2014 Index folders";
    private static final String[] STEPS = {"1 Folders", "2 Preview", "3 Options", "4 Run"};

    private final Stage stage = new Stage();
    private final GuiPreferences preferences;
    private final ExecutorService worker = Background.thread("wizard-preview");
    private final ListView<Path> folders = new ListView<>();
    private final TextField folderField = new TextField();
    private final TextField archiveField = new TextField();
    private final TextField checkpointField = new TextField();
    private final Label previewSummary = new Label();
    private final Label estimate = new Label();
    private final TableView<SlidePreview> previewTable = new TableView<>();
    private final ComboBox<Device> device = new ComboBox<>();
    private final ComboBox<String> precision = new ComboBox<>();
    private final Spinner<Double> tissueThreshold = new Spinner<>(0.0, 1.0, TileGrid.DEFAULT_MIN_TISSUE, 0.05);
    private final Spinner<Integer> threads = new Spinner<>(1, 64, IndexingRequest.defaultReaderThreads());
    private final TextField assumeMpp = new TextField();
    private final Label problem = new Label();
    private final RunPage runPage = new RunPage();
    private final Label stepLabel = new Label();
    private final BorderPane content = new BorderPane();
    private final Button back = new Button("\u2190 Back");
    private final Button next = new Button("Next \u2192");
    private final Node[] pages;
    private Future<?> previewTask;
    private int step;

    /**
     * {@code archive}: the archive to extend (null: the one last used). The run tells the model
     * each time it stored a slide, and when it ended.
     */
    public IndexWizard(Window owner, AppModel model, Path archive) {
        this.preferences = model.preferences();
        stage.initOwner(owner);
        stage.setTitle(TITLE);
        pages = new Node[] {foldersPage(), previewPage(), optionsPage(), runPage};
        archiveField.setText(archive != null ? archive.toString() : preferences.get(GuiPreferences.ARCHIVE).orElse(""));
        checkpointField.setText(preferences.checkpoint().map(Path::toString).orElse(""));
        runPage.setOnFinished(summary -> model.indexingFinished(runPage.archive()));
        runPage.setOnSlideFinished(() -> model.archiveWritten(runPage.archive()));
        back.setId("wizardBack");
        next.setId("wizardNext");
        back.setOnAction(event -> go(step - 1));
        next.setOnAction(event -> advance());
        problem.setId("wizardProblem");
        problem.setStyle("-fx-text-fill: #b3261e;");
        problem.setWrapText(true);
        stepLabel.getStyleClass().add("section-title");
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, problem, spacer, back, next);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(8));
        content.setTop(stepLabel);
        BorderPane.setMargin(stepLabel, new Insets(10, 12, 0, 12));
        content.setBottom(buttons);
        Scene scene = new Scene(content, 820, 600);
        scene.getStylesheets().addAll(owner == null ? List.of() : owner.getScene().getStylesheets());
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            runPage.cancel();
            worker.shutdownNow();
        });
        go(0);
    }

    public Stage stage() {
        return stage;
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public boolean running() {
        return runPage.running();
    }

    public void cancel() {
        runPage.cancel();
    }

    /** At app exit: asks a running job to stop at its next safe point and waits for it (bounded). */
    public void cancelAndWait(Duration limit) {
        runPage.cancelAndWait(limit);
    }

    private Node foldersPage() {
        folders.setId("wizardFolders");
        folders.setPrefHeight(180);
        folderField.setId("wizardFolderField");
        folderField.setPromptText("/path/to/slides");
        HBox.setHgrow(folderField, Priority.ALWAYS);
        Button add = new Button("Add");
        add.setId("wizardAddFolder");
        add.setOnAction(event -> addFolder(folderField.getText()));
        folderField.setOnAction(event -> addFolder(folderField.getText()));
        Button browse = new Button("Browse\u2026");
        browse.setOnAction(event -> {
            File dir = new DirectoryChooser().showDialog(stage);
            if (dir != null) {
                addFolder(dir.toString());
            }
        });
        Button remove = new Button("Remove");
        remove.setOnAction(event -> folders.getItems().removeAll(folders.getSelectionModel().getSelectedItems()));
        archiveField.setId("wizardArchiveField");
        checkpointField.setId("wizardCheckpointField");
        Button archiveBrowse = new Button("Browse\u2026");
        archiveBrowse.setOnAction(event -> {
            File dir = new DirectoryChooser().showDialog(stage);
            if (dir != null) {
                archiveField.setText(dir.toString());
            }
        });
        Button checkpointBrowse = new Button("Browse\u2026");
        checkpointBrowse.setOnAction(event -> {
            File file = new FileChooser().showOpenDialog(stage);
            if (file != null) {
                checkpointField.setText(file.toString());
            }
        });
        GridPane grid = new GridPane(8, 8);
        grid.addRow(0, new Label("Archive folder"), archiveField, archiveBrowse);
        grid.addRow(1, new Label("Model checkpoint"), checkpointField, checkpointBrowse);
        GridPane.setHgrow(archiveField, Priority.ALWAYS);
        GridPane.setHgrow(checkpointField, Priority.ALWAYS);
        VBox page = new VBox(8, new Label("Folders with slides (searched recursively; every OpenSlide format):"),
                new HBox(8, folderField, add, browse, remove), folders, grid,
                new Label("A new archive folder is created on the first run; an existing one is extended (only new or changed slides are embedded)."));
        page.setPadding(new Insets(12));
        return page;
    }

    private Node previewPage() {
        previewSummary.setId("wizardPreviewSummary");
        previewSummary.setWrapText(true);
        estimate.setId("wizardEstimate");
        estimate.setWrapText(true);
        previewTable.setId("wizardPreviewTable");
        previewTable.getColumns().setAll(List.of(
                column("Slide", 260, slide -> slide.file().getFileName().toString()),
                column("Format", 100, SlidePreview::format),
                column("Size", 80, slide -> megabytes(slide.bytes())),
                column("mpp", 70, SlidePreview::mpp),
                column("Tiles", 60, slide -> slide.indexable() ? Integer.toString(slide.estimatedTiles()) : "\u2014"),
                column("Problem", 260, SlidePreview::problem)));
        VBox.setVgrow(previewTable, Priority.ALWAYS);
        VBox page = new VBox(8, previewSummary, estimate, previewTable);
        page.setPadding(new Insets(12));
        return page;
    }

    private static TableColumn<SlidePreview, String> column(String title, double width,
                                                            java.util.function.Function<SlidePreview, String> value) {
        TableColumn<SlidePreview, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }

    private Node optionsPage() {
        device.setId("wizardDevice");
        device.getItems().setAll(Device.values());
        device.setValue(preferences.get(GuiPreferences.DEVICE).map(IndexWizard::parseDevice).orElse(Device.AUTO));
        precision.setId("wizardPrecision");
        precision.getItems().setAll("auto", "fp32", "fp16");
        precision.setValue(preferences.get(GuiPreferences.PRECISION).orElse("auto"));
        tissueThreshold.setId("wizardTissueThreshold");
        tissueThreshold.setEditable(true);
        threads.setId("wizardThreads");
        threads.setEditable(true);
        assumeMpp.setId("wizardAssumeMpp");
        assumeMpp.setPromptText("blank: use the slide's own (slides without one fail)");
        GridPane grid = new GridPane(10, 10);
        grid.addRow(0, new Label("Device"), device, new Label("AUTO uses a CUDA GPU when one is usable"));
        grid.addRow(1, new Label("Precision"), precision, new Label("auto: fp16 on a GPU, fp32 on the CPU"));
        grid.addRow(2, new Label("Tissue threshold"), tissueThreshold, new Label("least tissue fraction of a kept tile"));
        grid.addRow(3, new Label("Reader threads"), threads, new Label("threads reading tiles for the encoder"));
        grid.addRow(4, new Label("Assume mpp"), assumeMpp, new Label("\u00b5m per pixel for slides that do not say"));
        grid.setPadding(new Insets(12));
        return grid;
    }

    private static Device parseDevice(String value) {
        try {
            return Device.valueOf(value);
        } catch (IllegalArgumentException e) {
            return Device.AUTO;
        }
    }

    private void addFolder(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Path folder = Path.of(text.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            problem.setText(folder + ": no such folder");
            return;
        }
        problem.setText("");
        if (!folders.getItems().contains(folder)) {
            folders.getItems().add(folder);
        }
        folderField.clear();
    }

    private void advance() {
        problem.setText("");
        switch (step) {
            case 0 -> {
                if (!folderField.getText().isBlank()) {
                    addFolder(folderField.getText());
                }
                String missing = checkFolders();
                if (missing != null) {
                    problem.setText(missing);
                    return;
                }
                go(1);
                startPreview();
            }
            case 1 -> go(2);
            case 2 -> {
                WizardSettings settings;
                try {
                    settings = settings();
                    settings.request();
                } catch (IllegalArgumentException e) {
                    problem.setText(e.getMessage());
                    return;
                }
                remember(settings);
                go(3);
                runPage.start(settings);
            }
            default -> stage.close();
        }
    }

    private String checkFolders() {
        if (folders.getItems().isEmpty()) {
            return "Add at least one folder of slides.";
        }
        if (archiveField.getText().isBlank()) {
            return "Choose the archive folder.";
        }
        Path checkpoint = Path.of(checkpointField.getText().strip());
        if (checkpointField.getText().isBlank() || !Files.isRegularFile(checkpoint)) {
            return checkpointField.getText().isBlank() ? "Choose the model checkpoint." : checkpoint + ": no such checkpoint file";
        }
        return null;
    }

    private WizardSettings settings() {
        String mppText = assumeMpp.getText().strip();
        Double mpp;
        try {
            mpp = mppText.isEmpty() ? null : Double.valueOf(mppText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("assume mpp: '" + mppText + "' is not a number");
        }
        Precision chosen = switch (precision.getValue()) {
            case "fp32" -> Precision.FP32;
            case "fp16" -> Precision.FP16;
            default -> null;
        };
        return new WizardSettings(List.copyOf(folders.getItems()), Path.of(archiveField.getText().strip()).toAbsolutePath(),
                Path.of(checkpointField.getText().strip()).toAbsolutePath(), device.getValue(), chosen,
                tissueThreshold.getValue(), threads.getValue(), mpp);
    }

    private void remember(WizardSettings settings) {
        preferences.put(GuiPreferences.ARCHIVE, settings.archive().toString());
        preferences.put(GuiPreferences.CHECKPOINT, settings.checkpoint().toString());
        preferences.put(GuiPreferences.DEVICE, settings.device().name());
        preferences.put(GuiPreferences.PRECISION, precision.getValue());
    }

    private void startPreview() {
        if (previewTask != null) {
            previewTask.cancel(true);
        }
        previewTable.getItems().clear();
        previewSummary.setText("Looking at the slides\u2026");
        estimate.setText("");
        List<Path> chosen = List.copyOf(folders.getItems());
        Path archive = Path.of(archiveField.getText().strip()).toAbsolutePath();
        Path checkpoint = Path.of(checkpointField.getText().strip());
        double threshold = tissueThreshold.getValue();
        Device chosenDevice = device.getValue();
        previewTask = worker.submit(() -> {
            FolderPreview found = new FolderScan(threshold, null).scan(chosen, Set.of(archive),
                    (done, total) -> Platform.runLater(() -> previewSummary.setText("Looking at the slides\u2026 " + done + " of " + total)));
            Platform.runLater(() -> showPreview(found));
            try {
                double tilesPerSecond = EncoderSpeed.measure(checkpoint,
                        new EncoderOptions(chosenDevice, null, EncoderOptions.DEFAULT_BATCH_SIZE, OptionalInt.empty()));
                Platform.runLater(() -> showEstimate(found, tilesPerSecond));
            } catch (Exception e) {
                Platform.runLater(() -> estimate.setText("Encoder speed unknown: " + OneLine.of(e)));
            }
        });
    }

    private void showPreview(FolderPreview found) {
        previewTable.getItems().setAll(found.slides());
        StringBuilder formats = new StringBuilder();
        for (Map.Entry<String, Integer> format : found.slidesPerFormat().entrySet()) {
            formats.append(formats.isEmpty() ? "" : ", ").append(format.getValue()).append(" ").append(format.getKey());
        }
        previewSummary.setText(String.format(Locale.ROOT, "%d slides (%s), %s in all; about %,d tissue tiles to embed; %d would fail.",
                found.slides().size(), formats, megabytes(found.totalBytes()), found.estimatedTiles(), found.failing()));
        estimate.setText("Measuring the encoder's speed on this machine\u2026");
    }

    private void showEstimate(FolderPreview found, double tilesPerSecond) {
        double seconds = found.estimatedTiles() / Math.max(tilesPerSecond, 1e-9);
        estimate.setText(String.format(Locale.ROOT, "Encoder: %.1f tiles/s here, so indexing takes about %s (slides already in the archive are skipped).",
                tilesPerSecond, RunPage.format(Duration.ofSeconds((long) Math.ceil(seconds)))));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private void go(int newStep) {
        if (newStep < 0 || newStep >= pages.length) {
            return;
        }
        step = newStep;
        content.setCenter(pages[step]);
        stepLabel.setText(String.join("   ", STEPS).replace(STEPS[step], "[" + STEPS[step] + "]"));
        back.setDisable(step == 0 || step == 3);
        next.setText(switch (step) {
            case 2 -> "Start indexing";
            case 3 -> "Close";
            default -> "Next \u2192";
        });
    }
}
