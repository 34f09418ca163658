package io.histoseek.app.gui.wizard;

import io.histoseek.app.gui.fx.Background;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.support.OneLine;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Step 2 of the wizard: what the folders hold (a row per slide: format, size, scale, tiles or the
 * problem) and how long indexing it would take at the encoder speed measured on this machine.
 */
final class PreviewPage extends VBox {
    private final ExecutorService worker = Background.thread("wizard-preview");
    private final Label summary = new Label();
    private final Label estimate = new Label();
    private final TableView<SlidePreview> table = new TableView<>();
    private Future<?> task;

    PreviewPage() {
        super(8);
        summary.setId("wizardPreviewSummary");
        summary.setWrapText(true);
        estimate.setId("wizardEstimate");
        estimate.setWrapText(true);
        table.setId("wizardPreviewTable");
        table.getColumns().setAll(List.of(
                column("Slide", 260, slide -> slide.file().getFileName().toString()),
                column("Format", 100, SlidePreview::format),
                column("Size", 80, slide -> megabytes(slide.bytes())),
                column("mpp", 70, SlidePreview::mpp),
                column("Tiles", 60, slide -> slide.indexable() ? Integer.toString(slide.estimatedTiles()) : "\u2014"),
                column("Problem", 260, SlidePreview::problem)));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(summary, estimate, table);
        setPadding(new Insets(12));
    }

    private static TableColumn<SlidePreview, String> column(String title, double width, Function<SlidePreview, String> value) {
        TableColumn<SlidePreview, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }

    /** Looks at the slides and measures the encoder in the background; a new call replaces a running one. */
    void start(List<Path> folders, ArchiveAddress archive, Path checkpoint, double tissueThreshold, Device device) {
        if (task != null) {
            task.cancel(true);
        }
        table.getItems().clear();
        summary.setText("Looking at the slides\u2026");
        estimate.setText("");
        task = worker.submit(() -> {
            FolderPreview found = new FolderScan(tissueThreshold, null).scan(folders, archive,
                    (done, total) -> Platform.runLater(() -> summary.setText("Looking at the slides\u2026 " + done + " of " + total)));
            Platform.runLater(() -> show(found));
            try {
                double tilesPerSecond = EncoderSpeed.measure(checkpoint,
                        new EncoderOptions(device, null, EncoderOptions.DEFAULT_BATCH_SIZE, OptionalInt.empty()));
                Platform.runLater(() -> showEstimate(found, tilesPerSecond));
            } catch (Exception e) {
                Platform.runLater(() -> estimate.setText("Encoder speed unknown: " + OneLine.of(e)));
            }
        });
    }

    /** Stops a preview in flight (the window closes). */
    void close() {
        worker.shutdownNow();
    }

    private void show(FolderPreview found) {
        table.getItems().setAll(found.slides());
        StringBuilder formats = new StringBuilder();
        for (Map.Entry<String, Integer> format : found.slidesPerFormat().entrySet()) {
            formats.append(formats.isEmpty() ? "" : ", ").append(format.getValue()).append(" ").append(format.getKey());
        }
        summary.setText(String.format(Locale.ROOT, "%d slides (%s), %s in all; about %,d tissue tiles to embed; %d would fail.",
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
}
