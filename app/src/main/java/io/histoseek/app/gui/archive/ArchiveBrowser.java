package io.histoseek.app.gui.archive;

import io.histoseek.app.gui.search.ArchiveSession;
import io.histoseek.app.pyramid.OpenSlideSource;
import io.histoseek.app.pyramid.PyramidSource;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveCounts;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** The slides of the open archive with thumbnails, status and tile counts; double-click opens one. */
public final class ArchiveBrowser extends VBox {
    private static final int THUMBNAIL = 64;

    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "archive-browser");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Path, Optional<Image>> thumbnails = new ConcurrentHashMap<>();
    private final Label title = new Label("No archive open");
    private final Label summary = new Label("Open an archive, or index a folder to make one.");
    private final ListView<ArchiveEntry> list = new ListView<>();
    private ArchiveSession session;
    private Consumer<Path> onOpen = file -> {};

    public ArchiveBrowser(Runnable openArchive, Runnable indexFolders) {
        setId("archiveBrowser");
        setSpacing(6);
        setPadding(new Insets(8));
        setPrefWidth(300);
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        summary.setId("archiveSummary");
        summary.setWrapText(true);
        list.setId("archiveList");
        list.setCellFactory(view -> new EntryCell());
        list.setPlaceholder(new Label("No slides"));
        list.setOnMouseClicked(event -> {
            ArchiveEntry selected = list.getSelectionModel().getSelectedItem();
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && selected != null) {
                onOpen.accept(selected.file());
            }
        });
        Button open = new Button("Open\u2026");
        open.setId("openArchiveButton");
        open.setOnAction(event -> openArchive.run());
        Button index = new Button("Index\u2026");
        index.setId("indexFoldersButton");
        index.setOnAction(event -> indexFolders.run());
        Button refresh = new Button("Refresh");
        refresh.setId("refreshArchiveButton");
        refresh.setOnAction(event -> refresh());
        open.setTooltip(new javafx.scene.control.Tooltip("Open another archive folder"));
        index.setTooltip(new javafx.scene.control.Tooltip("Index folders of slides into this archive"));
        HBox buttons = new HBox(6, open, index, refresh);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, summary, buttons, list);
    }

    public void setOnOpenSlide(Consumer<Path> handler) {
        this.onOpen = handler;
    }

    public ListView<ArchiveEntry> list() {
        return list;
    }

    public void show(ArchiveSession newSession) {
        this.session = newSession;
        title.setText(newSession == null ? "No archive open" : "Archive " + newSession.folder());
        refresh();
    }

    /** Re-reads the slides and counts from the store (in the background: the store may be busy indexing). */
    public void refresh() {
        ArchiveSession current = session;
        if (current == null) {
            list.getItems().clear();
            return;
        }
        reader.execute(() -> {
            try {
                List<ArchiveEntry> entries = entries(current.archive());
                ArchiveCounts counts = current.archive().counts();
                String text = String.format("%d indexed, %d failed, %d missing, %d pending \u00b7 %,d tiles",
                        counts.slidesIndexed(), counts.slidesFailed(), counts.slidesMissing(), counts.slidesPending(), counts.tiles());
                Platform.runLater(() -> showEntries(current, entries, text));
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                Platform.runLater(() -> summary.setText("Cannot list the archive: " + message));
            }
        });
    }

    private static List<ArchiveEntry> entries(Archive store) {
        List<ArchiveEntry> entries = new ArrayList<>();
        Map<Long, Long> tileCounts = store.tileCountsBySlide();
        for (SlideRecord record : store.slides()) {
            int tiles = record.status() == SlideStatus.INDEXED || record.status() == SlideStatus.MISSING
                    ? tileCounts.getOrDefault(record.id(), 0L).intValue()
                    : 0;
            entries.add(new ArchiveEntry(record, store.resolve(record.path()), tiles));
        }
        return entries;
    }

    private void showEntries(ArchiveSession current, List<ArchiveEntry> entries, String text) {
        if (session != current) {
            return;
        }
        ArchiveEntry selected = list.getSelectionModel().getSelectedItem();
        list.getItems().setAll(entries);
        if (selected != null) {
            entries.stream().filter(entry -> entry.file().equals(selected.file())).findFirst()
                    .ifPresent(entry -> list.getSelectionModel().select(entry));
        }
        summary.setText(text);
    }

    public void dispose() {
        reader.shutdownNow();
    }

    private void loadThumbnail(ArchiveEntry entry) {
        reader.execute(() -> {
            Optional<Image> image = Optional.empty();
            if (entry.status() != SlideStatus.MISSING) {
                // A handle of its own, closed at once: the shared ones belong to the viewer and gallery.
                try (PyramidSource source = OpenSlideSource.open(entry.file())) {
                    image = Optional.of(SwingFXUtils.toFXImage(source.thumbnail(THUMBNAIL * 2), null));
                } catch (Exception e) {
                    // No picture: the row still shows name and status.
                }
            }
            thumbnails.put(entry.file(), image);
            Platform.runLater(list::refresh);
        });
    }

    private final class EntryCell extends ListCell<ArchiveEntry> {
        @Override
        protected void updateItem(ArchiveEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            StackPane picture = new StackPane();
            picture.setPrefSize(THUMBNAIL, THUMBNAIL);
            picture.setMinSize(THUMBNAIL, THUMBNAIL);
            Optional<Image> thumbnail = thumbnails.get(entry.file());
            if (thumbnail == null) {
                thumbnails.put(entry.file(), Optional.empty());
                loadThumbnail(entry);
            } else if (thumbnail.isPresent()) {
                ImageView view = new ImageView(thumbnail.get());
                view.setFitWidth(THUMBNAIL);
                view.setFitHeight(THUMBNAIL);
                view.setPreserveRatio(true);
                picture.getChildren().add(view);
            } else {
                picture.setStyle("-fx-background-color: #dde1e5;");
            }
            Label name = new Label(entry.name());
            name.setStyle("-fx-font-weight: bold;");
            Label status = new Label(entry.describeStatus());
            status.setWrapText(true);
            status.setMaxWidth(190);
            name.setMaxWidth(190);
            status.getStyleClass().add("archive-status-" + entry.status().name().toLowerCase(java.util.Locale.ROOT));
            VBox text = new VBox(2, name, status);
            HBox row = new HBox(8, picture, text);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
