package io.histoseek.app.gui.wizard;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.WriterOptions;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;

import java.io.File;

/**
 * The wizard's archive: a folder (typed or chosen) or a SolrCloud address typed or pasted, and,
 * for an address, the shards and replicas of the collection when the run creates it (the CLI's
 * {@code index --shards/--replicas}, same defaults). Those controls show only for an address.
 */
final class ArchiveTargetField {
    private static final int MOST_SHARDS_OR_REPLICAS = 64;

    private final TextField field = new TextField();
    private final Button browse = new Button("Browse\u2026");
    private final Spinner<Integer> shards = spinner("wizardShards", WriterOptions.DEFAULT_SHARDS);
    private final Spinner<Integer> replicas = spinner("wizardReplicas", WriterOptions.DEFAULT_REPLICAS);
    private final HBox layout = new HBox(8, new Label("New collection:"), shards, new Label("shards \u00d7"), replicas,
            new Label("replicas (an existing collection keeps its own)"));

    ArchiveTargetField(String archive) {
        field.setId("wizardArchiveField");
        field.setText(archive);
        field.setPromptText("folder, solr://ZKHOST:PORT[/CHROOT]/COLLECTION or http(s)://HOST:PORT/solr/COLLECTION");
        layout.setId("wizardClusterLayout");
        layout.setAlignment(Pos.CENTER_LEFT);
        layout.managedProperty().bind(layout.visibleProperty());
        layout.visibleProperty().bind(field.textProperty().map(ArchiveTargetField::namesCluster));
        browse.setOnAction(event -> {
            File dir = new DirectoryChooser().showDialog(field.getScene().getWindow());
            if (dir != null) {
                field.setText(dir.toString());
            }
        });
    }

    private static Spinner<Integer> spinner(String id, int initial) {
        Spinner<Integer> spinner = new Spinner<>(1, MOST_SHARDS_OR_REPLICAS, initial);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(75);
        return spinner;
    }

    private static boolean namesCluster(String text) {
        return text != null && !text.isBlank() && !ArchiveAddress.of(text).isFolder();
    }

    /** Adds the label, field and Browse button at {@code row} and the collection layout below it. */
    void placeIn(GridPane grid, int row) {
        grid.addRow(row, new Label("Archive"), field, browse);
        grid.add(layout, 1, row + 1, 2, 1);
        GridPane.setHgrow(field, Priority.ALWAYS);
    }

    boolean blank() {
        return field.getText().isBlank();
    }

    /** What was typed, a folder made absolute; only when not {@link #blank()}. */
    ArchiveTarget target() {
        return new ArchiveTarget(ArchiveAddress.of(field.getText()).absolute(), shards.getValue(), replicas.getValue());
    }
}
