package io.histoseek.app.gui.archive;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.Controls;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.SlideLabels;
import io.histoseek.app.gui.viewer.Thumbnails;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveCounts;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The slides of the model's archive with thumbnails, status, tile counts and labels; double-click
 * asks for a slide to be opened, the context menu for the slides like it. Re-reads the archive
 * when an indexing run writes to it, and publishes the labels it read as the model's.
 */
public final class ArchiveBrowser extends VBox {
    private static final int THUMBNAIL = 64;

    private final AppModel model;
    private final Thumbnails thumbnails;
    private final ExecutorService reader = Background.thread("archive-browser");
    /** Thumbnails being read or that cannot be read: asked for once, not at every repaint of a row. */
    private final Set<Path> loading = ConcurrentHashMap.newKeySet();
    private final Set<Path> unreadable = ConcurrentHashMap.newKeySet();
    private final Label title = new Label("No archive open");
    private final Label summary = new Label("Open an archive, or index a folder to make one.");
    private final ListView<ArchiveEntry> list = new ListView<>();

    public ArchiveBrowser(AppModel model, ArchiveOpener opener, Thumbnails thumbnails) {
        this.model = model;
        this.thumbnails = thumbnails;
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
                model.openSlide(selected.file());
            }
        });
        MenuItem similar = new MenuItem("Find similar slides");
        similar.setId("findSimilarSlides");
        similar.setOnAction(event -> {
            ArchiveEntry selected = list.getSelectionModel().getSelectedItem();
            if (selected != null) model.findSimilarSlides(selected.file());
        });
        list.setContextMenu(new ContextMenu(similar));
        Button open = Controls.button("openArchiveButton", "Open\u2026", () -> opener.choose(getScene().getWindow()));
        Button address = Controls.button("openArchiveAddressButton", "Address\u2026", () -> opener.chooseAddress(getScene().getWindow()));
        address.setTooltip(new Tooltip("Open an archive on SolrCloud by its address"));
        Button index = Controls.button("indexFoldersButton", "Index\u2026", () -> model.indexFolders(address()));
        Button refresh = Controls.button("refreshArchiveButton", "Refresh", this::refresh);
        open.setTooltip(new Tooltip("Open another archive folder"));
        index.setTooltip(new Tooltip("Index folders of slides into this archive"));
        HBox buttons = new HBox(6, open, address, index, refresh);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, summary, buttons, list);
        model.archiveProperty().addListener((obs, old, now) -> show(now));
        model.onArchiveWritten(archive -> refresh());
    }

    public ListView<ArchiveEntry> list() {
        return list;
    }

    private ArchiveAddress address() {
        ArchiveSession session = model.archiveProperty().get();
        return session == null ? null : session.address();
    }

    private void show(ArchiveSession session) {
        title.setText(session == null ? "No archive open" : "Archive " + session.address().display());
        refresh();
    }

    /** Re-reads the slides and counts from the store (in the background: the store may be busy indexing). */
    public void refresh() {
        ArchiveSession current = model.archiveProperty().get();
        if (current == null) {
            list.getItems().clear();
            model.labelsProperty().set(SlideLabels.NONE);
            return;
        }
        reader.execute(() -> {
            try {
                SlideLabels labels = SlideLabels.read(current.archive());
                List<ArchiveEntry> entries = entries(current.archive(), labels);
                ArchiveCounts counts = current.archive().counts();
                String text = String.format("%d indexed, %d failed, %d missing, %d pending \u00b7 %,d tiles",
                        counts.slidesIndexed(), counts.slidesFailed(), counts.slidesMissing(), counts.slidesPending(), counts.tiles());
                Platform.runLater(() -> showEntries(current, entries, text, labels));
            } catch (RuntimeException e) {
                Platform.runLater(() -> summary.setText("Cannot list the archive: " + OneLine.of(e)));
            }
        });
    }
    private static List<ArchiveEntry> entries(Archive store, SlideLabels labels) {
        List<ArchiveEntry> entries = new ArrayList<>();
        Map<Long, Long> tileCounts = store.tileCountsBySlide();
        for (SlideRecord record : store.slides()) {
            int tiles = record.status() == SlideStatus.INDEXED || record.status() == SlideStatus.MISSING
                    ? tileCounts.getOrDefault(record.id(), 0L).intValue()
                    : 0;
            entries.add(new ArchiveEntry(record, store.resolve(record.path()), tiles, labels.labels().of(record.id()).orElse(null)));
        }
        return entries;
    }

    private void showEntries(ArchiveSession current, List<ArchiveEntry> entries, String text, SlideLabels labels) {
        if (model.archiveProperty().get() != current) {
            return;
        }
        model.labelsProperty().set(labels);
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

    /** The row's picture if in memory; else starts its read (once) and shows it when it arrives. */
    private Optional<Image> thumbnail(ArchiveEntry entry) {
        Optional<Image> cached = thumbnails.cached(entry.file(), THUMBNAIL * 2);
        if (cached.isEmpty() && entry.status() != SlideStatus.MISSING && !unreadable.contains(entry.file())
                && loading.add(entry.file())) {
            thumbnails.load(entry.file(), THUMBNAIL * 2, picture -> {
                loading.remove(entry.file());
                if (picture.isEmpty()) {
                    unreadable.add(entry.file());
                }
                list.refresh();
            });
        }
        return cached;
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
            Optional<Image> thumbnail = thumbnail(entry);
            if (thumbnail.isPresent()) {
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
            status.getStyleClass().add("archive-status-" + entry.status().name().toLowerCase(Locale.ROOT));
            VBox text = new VBox(2, name, status);
            if (entry.label() != null) {
                Label label = new Label(entry.describeLabel());
                label.getStyleClass().add("slide-label");
                label.setMaxWidth(190);
                text.getChildren().add(1, label);
            }
            HBox row = new HBox(8, picture, text);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
