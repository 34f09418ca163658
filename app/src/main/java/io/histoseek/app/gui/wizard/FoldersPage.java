package io.histoseek.app.gui.wizard;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Step 1 of the wizard: the folders of slides, the archive (a folder or a SolrCloud address) and the model checkpoint. */
final class FoldersPage extends VBox {
    private final ListView<Path> folders = new ListView<>();
    private final TextField folderField = new TextField();
    private final ArchiveTargetField archive;
    private final TextField checkpointField = new TextField();
    private final Consumer<String> problem;

    /** {@code problem} shows what is wrong with what was typed ("" clears it). */
    FoldersPage(String archiveText, String checkpoint, Consumer<String> problem) {
        super(8);
        this.problem = problem;
        this.archive = new ArchiveTargetField(archiveText);
        checkpointField.setText(checkpoint);
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
        browse.setOnAction(event -> chooseFolder().ifPresent(dir -> addFolder(dir.toString())));
        Button remove = new Button("Remove");
        remove.setOnAction(event -> folders.getItems().removeAll(folders.getSelectionModel().getSelectedItems()));
        checkpointField.setId("wizardCheckpointField");
        Button checkpointBrowse = new Button("Browse\u2026");
        checkpointBrowse.setOnAction(event -> {
            File file = new FileChooser().showOpenDialog(getScene().getWindow());
            if (file != null) {
                checkpointField.setText(file.toString());
            }
        });
        GridPane grid = new GridPane(8, 8);
        archive.placeIn(grid, 0);
        grid.addRow(2, new Label("Model checkpoint"), checkpointField, checkpointBrowse);
        GridPane.setHgrow(checkpointField, Priority.ALWAYS);
        getChildren().addAll(new Label("Folders with slides (searched recursively; every OpenSlide format):"),
                new HBox(8, folderField, add, browse, remove), folders, grid,
                new Label("A new archive (folder or collection) is created on the first run; an existing one is extended (only new or changed slides are embedded)."));
        setPadding(new Insets(12));
    }

    private Optional<File> chooseFolder() {
        return Optional.ofNullable(new DirectoryChooser().showDialog(getScene().getWindow()));
    }

    private void addFolder(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Path folder = Path.of(text.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            problem.accept(folder + ": no such folder");
            return;
        }
        problem.accept("");
        if (!folders.getItems().contains(folder)) {
            folders.getItems().add(folder);
        }
        folderField.clear();
    }

    /** Takes a folder still typed in the field, then says what is missing (empty: ready). */
    Optional<String> complete() {
        if (!folderField.getText().isBlank()) {
            addFolder(folderField.getText());
        }
        if (folders.getItems().isEmpty()) {
            return Optional.of("Add at least one folder of slides.");
        }
        if (archive.blank()) {
            return Optional.of("Choose the archive folder, or type its SolrCloud address.");
        }
        if (checkpointField.getText().isBlank()) {
            return Optional.of("Choose the model checkpoint.");
        }
        if (!Files.isRegularFile(checkpoint())) {
            return Optional.of(checkpoint() + ": no such checkpoint file");
        }
        return Optional.empty();
    }

    List<Path> folders() {
        return List.copyOf(folders.getItems());
    }

    /** Only after {@link #complete()} said nothing is missing. */
    ArchiveTarget archive() {
        return archive.target();
    }

    Path checkpoint() {
        return Path.of(checkpointField.getText().strip()).toAbsolutePath();
    }
}
