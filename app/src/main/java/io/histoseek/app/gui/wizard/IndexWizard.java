package io.histoseek.app.gui.wizard;

import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.index.archive.ArchiveAddress;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The folder-indexing wizard, in its own (non-modal) window: 1 folders, archive (a folder or a
 * SolrCloud address, checked before going on) and checkpoint; 2 a preview of what was found with
 * tile and time estimates; 3 options; 4 the run. Each step is a page of its own; this class moves
 * between them and starts the run.
 */
public final class IndexWizard {
    public static final String TITLE = "Histoseek \u2014 Index folders";
    private static final String[] STEPS = {"1 Folders", "2 Preview", "3 Options", "4 Run"};

    private final Stage stage = new Stage();
    private final GuiPreferences preferences;
    private final Label problem = new Label();
    private final FoldersPage foldersPage;
    private final PreviewPage previewPage = new PreviewPage();
    private final OptionsPage optionsPage;
    private final RunPage runPage = new RunPage();
    private final AddressCheck addressCheck = new AddressCheck();
    private final Label stepLabel = new Label();
    private final BorderPane content = new BorderPane();
    private final Button back = new Button("\u2190 Back");
    private final Button next = new Button("Next \u2192");
    private final Node[] pages;
    private int step;

    /**
     * {@code archive}: the archive to extend (null: the one last used). The run tells the model
     * each time it stored a slide, and when it ended.
     */
    public IndexWizard(Window owner, AppModel model, ArchiveAddress archive) {
        this.preferences = model.preferences();
        stage.initOwner(owner);
        stage.setTitle(TITLE);
        foldersPage = new FoldersPage(archive != null ? archive.toString() : preferences.get(GuiPreferences.ARCHIVE).orElse(""),
                preferences.checkpoint().map(Path::toString).orElse(""), problem::setText);
        optionsPage = new OptionsPage(preferences);
        pages = new Node[] {foldersPage, previewPage, optionsPage, runPage};
        runPage.setOnFinished(summary -> model.indexingFinished(runPage.archive()));
        runPage.setOnSlideFinished(() -> model.archiveWritten(runPage.archive()));
        back.setId("wizardBack");
        next.setId("wizardNext");
        back.setOnAction(event -> go(step - 1));
        next.setOnAction(event -> advance());
        problem.setId("wizardProblem");
        problem.setStyle("-fx-text-fill: #b3261e;");
        problem.setWrapText(true);
        stepLabel.setId("wizardStep");
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
            previewPage.close();
            addressCheck.close();
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

    private void advance() {
        problem.setText("");
        switch (step) {
            case 0 -> {
                Optional<String> missing = foldersPage.complete();
                if (missing.isPresent()) {
                    problem.setText(missing.get());
                    return;
                }
                checkArchiveThenPreview(foldersPage.archive().address());
            }
            case 1 -> go(2);
            case 2 -> {
                WizardSettings settings;
                try {
                    settings = optionsPage.settings(foldersPage.folders(), foldersPage.archive(), foldersPage.checkpoint());
                    settings.request();
                } catch (IllegalArgumentException e) {
                    problem.setText(e.getMessage());
                    return;
                }
                preferences.put(GuiPreferences.ARCHIVE, settings.archive().address().toString());
                preferences.put(GuiPreferences.CHECKPOINT, settings.checkpoint().toString());
                optionsPage.remember(preferences);
                go(3);
                runPage.start(settings);
            }
            default -> stage.close();
        }
    }

    /** Stays on step 1, saying why, when the archive cannot be written there; Next waits for a cluster's answer. */
    private void checkArchiveThenPreview(ArchiveAddress archive) {
        next.setDisable(true);
        problem.setText("Checking " + archive + "\u2026");
        addressCheck.check(archive, () -> {
            next.setDisable(false);
            problem.setText("");
            if (!stage.isShowing()) {
                return; // closed while a cluster was being asked
            }
            go(1);
            previewPage.start(foldersPage.folders(), archive, foldersPage.checkpoint(), optionsPage.tissueThreshold(), optionsPage.device());
        }, failure -> {
            next.setDisable(false);
            problem.setText(failure);
        });
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
