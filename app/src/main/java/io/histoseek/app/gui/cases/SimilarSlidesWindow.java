package io.histoseek.app.gui.cases;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.SimilarSlide;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Find similar slides": a window listing the archive's slides most like a whole slide (rank,
 * score, slide, label), best first, by Yottixel's rule; double-click opens a slide in the viewer.
 * Answers the model's find-similar-slides requests.
 */
public final class SimilarSlidesWindow {
    public static final int SLIDES = 20;

    private final AppModel model;
    private final Window owner;
    private final ExecutorService thread = Background.thread("similar-slides");
    private final AtomicLong latest = new AtomicLong();
    private final TableView<Row> table = new TableView<>();
    private final Label heading = new Label();
    private Stage stage;

    /** A row of the table; public for the table's property lookups. */
    public record Row(int rank, String score, String slide, String label, Path file) {
        public int getRank() {
            return rank;
        }

        public String getScore() {
            return score;
        }

        public String getSlide() {
            return slide;
        }

        public String getLabel() {
            return label;
        }
    }

    public SimilarSlidesWindow(AppModel model, Window owner) {
        this.model = model;
        this.owner = owner;
        table.setId("similarSlidesTable");
        table.getColumns().add(column("#", "rank", 40));
        table.getColumns().add(column("Score", "score", 80));
        table.getColumns().add(column("Slide", "slide", 300));
        table.getColumns().add(column("Label", "label", 160));
        table.setPlaceholder(new Label("Searching\u2026"));
        table.setOnMouseClicked(event -> {
            Row row = table.getSelectionModel().getSelectedItem();
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && row != null) {
                model.openSlide(row.file());
            }
        });
        heading.setId("similarSlidesHeading");
        heading.setWrapText(true);
        model.onFindSimilarSlides(this::find);
    }

    private static <T> TableColumn<Row, T> column(String title, String property, double width) {
        TableColumn<Row, T> column = new TableColumn<>(title);
        column.setCellValueFactory(new PropertyValueFactory<>(property));
        column.setPrefWidth(width);
        return column;
    }

    public TableView<Row> table() {
        return table;
    }

    private void find(Path slide) {
        long id = latest.incrementAndGet();
        ArchiveSession archive = model.archiveProperty().get();
        show();
        table.getItems().clear();
        if (archive == null) {
            heading.setText("Open an archive first.");
            return;
        }
        heading.setText("Slides like " + slide.getFileName() + " (median over its mosaic of each slide's best match; its own case left out)\u2026");
        thread.execute(() -> {
            try {
                List<SimilarSlide> found = archive.similarSlides(slide, SLIDES);
                List<Row> rows = found.stream().map(s -> new Row(s.rank(), String.format(Locale.ROOT, "%.4f", s.score()),
                        s.file().getFileName().toString(), s.label(), s.file())).toList();
                Platform.runLater(() -> {
                    if (id != latest.get()) return;
                    heading.setText("Slides like " + slide.getFileName() + ": " + rows.size()
                            + " found (median over its mosaic of each slide's best match; its own case left out). Double-click opens one.");
                    table.getItems().setAll(rows);
                    table.setPlaceholder(new Label("No other slides"));
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    if (id == latest.get()) heading.setText("No similar slides: " + OneLine.of(e));
                });
            }
        });
    }

    private void show() {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("Similar slides");
            VBox content = new VBox(8, heading, table);
            content.setPadding(new Insets(10));
            VBox.setVgrow(table, Priority.ALWAYS);
            Scene scene = new Scene(content, 640, 480);
            if (owner != null && owner.getScene() != null) scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            stage.setScene(scene);
        }
        stage.show();
        stage.toFront();
    }

    public void dispose() {
        thread.shutdownNow();
        if (stage != null) stage.close();
    }
}
