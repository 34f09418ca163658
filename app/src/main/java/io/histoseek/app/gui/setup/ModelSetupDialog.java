package io.histoseek.app.gui.setup;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.config.RegisteredModel;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.Controls;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.setup.DownloadProgress;
import io.histoseek.app.setup.LoaderVerifier;
import io.histoseek.app.setup.ModelSetup;
import io.histoseek.app.setup.ResumableDownload;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Gets the encoder weights set up from the app, as {@code histoseek model download | use} do:
 * download H-optimus-0 (resumable, verified by the loader, then registered), register a checkpoint
 * the user already has, or leave it for later. Disk and network work runs on a worker thread.
 */
public final class ModelSetupDialog {
    private final Stage stage = new Stage();
    private final GuiPreferences preferences;
    private final ModelSetupSettings settings;
    private final ModelSetup setup;
    private final HttpClient http = ResumableDownload.defaultClient();
    private final Consumer<RegisteredModel> onRegistered;
    private final ExecutorService worker = Background.thread("model-setup");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Label registered = new Label("Checking what is registered\u2026");
    private final Label size = new Label("checking\u2026");
    private final ProgressBar bar = new ProgressBar(0);
    private final Label progress = new Label(" ");
    private final Label message = new Label();
    private final Button later = new Button("Later");
    private volatile DownloadMeter meter;
    private boolean sizeAsked;

    public ModelSetupDialog(Window owner, GuiPreferences preferences, ModelSetupSettings settings,
                            Consumer<RegisteredModel> onRegistered) {
        this.preferences = preferences;
        this.settings = settings;
        this.setup = new ModelSetup(settings.dirs(), new LoaderVerifier());
        this.onRegistered = onRegistered;
        stage.initOwner(owner);
        stage.setTitle("Set up the model");
        Scene scene = new Scene(content(), 660, 480);
        scene.getStylesheets().addAll(owner == null || owner.getScene() == null ? List.of() : owner.getScene().getStylesheets());
        stage.setScene(scene);
        stage.setOnHidden(event -> cancelDownload());
    }

    private VBox content() {
        Label title = new Label("Histoseek needs the H-optimus-0 weights once");
        title.getStyleClass().add("section-title");
        Label why = new Label("Searching and indexing encode tissue with H-optimus-0 (about 4.5 GB, Apache-2.0)."
                + " Viewing slides and archives works without it.");
        why.setWrapText(true);
        registered.setId("modelStatusLabel");
        registered.setWrapText(true);

        Label downloadTitle = new Label("1. Download H-optimus-0");
        downloadTitle.getStyleClass().add("section-title");
        GridPane facts = new GridPane(10, 4);
        facts.getColumnConstraints().addAll(new ColumnConstraints(), grow());
        Label url = wrapping(settings.downloadUrl().toString(), "modelUrlLabel");
        size.setId("modelSizeLabel");
        facts.addRow(0, new Label("From"), url);
        facts.addRow(1, new Label("Size"), size);
        facts.addRow(2, new Label("Into"), wrapping(setup.defaultFolder().toString(), "modelFolderLabel"));
        bar.setId("modelProgressBar");
        bar.setMaxWidth(Double.MAX_VALUE);
        progress.setId("modelProgressLabel");
        progress.setWrapText(true);
        Button download = Controls.button("modelDownloadButton", "Download", this::download);
        Button cancel = Controls.button("modelCancelButton", "Cancel", this::cancelDownload);
        download.disableProperty().bind(busy);
        cancel.disableProperty().bind(busy.not());
        HBox downloadRow = new HBox(8, bar, download, cancel);
        downloadRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(bar, Priority.ALWAYS);

        Label useTitle = new Label("2. Or use a checkpoint you already have");
        useTitle.getStyleClass().add("section-title");
        Button use = Controls.button("modelUseButton", "Use a checkpoint I already have\u2026", this::chooseCheckpoint);
        use.disableProperty().bind(busy);

        message.setId("modelMessageLabel");
        message.setWrapText(true);
        later.setId("modelLaterButton");
        later.setOnAction(event -> stage.hide());
        Region spacer = new Region();
        HBox bottom = new HBox(later);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(8, title, why, registered, new Separator(), downloadTitle, facts, downloadRow, progress,
                new Separator(), useTitle, use, message, spacer, bottom);
        VBox.setVgrow(spacer, Priority.ALWAYS);
        root.setPadding(new Insets(16));
        return root;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints column = new ColumnConstraints();
        column.setHgrow(Priority.ALWAYS);
        return column;
    }

    private static Label wrapping(String text, String id) {
        Label label = new Label(text);
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    public Stage stage() {
        return stage;
    }

    /** Shows the dialog, reads what is registered now and asks the server for the size (once). */
    public void show() {
        stage.show();
        stage.toFront();
        refreshRegistered();
        if (!sizeAsked) {
            sizeAsked = true;
            askSize();
        }
    }

    private void refreshRegistered() {
        CompletableFuture.supplyAsync(() -> {
            try {
                return setup.registered();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker).whenCompleteAsync((model, failure) -> registered.setText(failure != null
                ? "Cannot read the settings: " + OneLine.of(failure) : describe(model)), Platform::runLater);
    }

    private static String describe(Optional<RegisteredModel> model) {
        return model.map(m -> "Registered now: " + m.checkpoint() + " (" + DownloadProgress.bytes(m.sizeBytes()) + ")")
                .orElse("No model registered yet.");
    }

    private void askSize() {
        HttpRequest head = HttpRequest.newBuilder(settings.downloadUrl())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(15)).build();
        http.sendAsync(head, HttpResponse.BodyHandlers.discarding()).whenCompleteAsync((response, failure) -> {
            long length = failure != null || response.statusCode() != 200 ? -1
                    : response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (size.getText().endsWith("\u2026")) {
                size.setText(length > 0 ? DownloadProgress.bytes(length) : "unknown until the download starts");
            }
        }, Platform::runLater);
    }

    /** Downloads (or resumes) the checkpoint, lets the loader verify it, and registers it. */
    public CompletableFuture<ModelSetup.Registration> download() {
        DownloadMeter current = new DownloadMeter(this::showReading);
        meter = current;
        busy.set(true);
        message.setText("");
        progress.setText("Connecting to " + settings.downloadUrl().getHost() + "\u2026");
        return finish(CompletableFuture.supplyAsync(() -> {
            try {
                return setup.download(settings.downloadUrl(), setup.defaultFolder(), new ResumableDownload(http), current);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker), current);
    }

    private void showReading(DownloadMeter.Reading reading) {
        if (reading.total() > 0) {
            size.setText(DownloadProgress.bytes(reading.total()));
        }
        bar.setProgress(reading.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : reading.fraction());
        progress.setText(reading.complete() ? reading.text() + "   verifying with the loader\u2026" : reading.text());
    }

    /** Stops a running download; what arrived stays, and Download continues from there. */
    public void cancelDownload() {
        DownloadMeter current = meter;
        if (current != null) {
            current.cancel();
        }
    }

    private void chooseCheckpoint() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose the H-optimus-0 checkpoint");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Checkpoints (*.pth, *.bin, *.safetensors)", "*.pth", "*.bin", "*.safetensors"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            use(file.toPath());
        }
    }

    /** Verifies a checkpoint the user has and registers it where it is (what the button does after the file chooser). */
    public CompletableFuture<ModelSetup.Registration> use(Path checkpoint) {
        busy.set(true);
        message.setText("");
        progress.setText("Verifying " + checkpoint.getFileName() + " with the loader\u2026");
        return finish(CompletableFuture.supplyAsync(() -> {
            try {
                return setup.use(checkpoint);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker), null);
    }

    private CompletableFuture<ModelSetup.Registration> finish(CompletableFuture<ModelSetup.Registration> work,
                                                              DownloadMeter current) {
        return work.whenCompleteAsync((registration, failure) -> {
            busy.set(false);
            if (failure == null) {
                preferences.remember(registration.model());
                progress.setText("Verified by the loader: " + registration.verification().identity());
                showMessage(registration.verification().hasWarning() ? "Note: " + registration.verification().warning() : "", false);
                later.setText("Close");
                onRegistered.accept(registration.model());
            } else if (current != null && current.cancelled()) {
                progress.setText(progress.getText().replace("   verifying with the loader\u2026", "")
                        + "   cancelled: Download continues from here");
            } else {
                progress.setText(" ");
                bar.setProgress(0);
                showMessage(OneLine.of(failure), true);
            }
            refreshRegistered();
        }, Platform::runLater);
    }

    private void showMessage(String text, boolean error) {
        message.setText(text);
        message.getStyleClass().removeAll("setup-error", "setup-note");
        message.getStyleClass().add(error ? "setup-error" : "setup-note");
    }

    public Label statusLabel() {
        return registered;
    }

    public Label messageLabel() {
        return message;
    }

    /** Stops a download at the next chunk (the partial file stays) and the worker thread. */
    public void dispose() {
        cancelDownload();
        worker.shutdown();
        stage.hide();
    }
}
