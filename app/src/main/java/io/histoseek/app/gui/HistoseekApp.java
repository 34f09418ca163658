package io.histoseek.app.gui;

import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.app.gui.setup.ModelSetupSettings;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.util.Optional;

/**
 * The JavaFX application: one main window. Launched by {@code histoseek gui} through
 * {@link #launch(Optional)} (the launcher's main class must not extend Application).
 */
public final class HistoseekApp extends Application {
    /** Held so the level sticks: JavaFX warns on every classpath start, which users cannot act on. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");
    private static volatile ArchiveAddress startupArchive;

    private final GuiPreferences preferences;
    private final ModelSetupSettings modelSetup;
    private MainWindow window;

    /** The user's app: offers the model setup on start when no model is configured. */
    public HistoseekApp() {
        this(GuiPreferences.forUser(), true);
    }

    /** Without the first-run offer (tests that bring their own checkpoint); "Model\u2026" still opens it. */
    public HistoseekApp(GuiPreferences preferences) {
        this(preferences, false);
    }

    private HistoseekApp(GuiPreferences preferences, boolean offerModelSetup) {
        this(preferences, ModelSetupSettings.forPreferences(preferences, offerModelSetup));
    }

    public HistoseekApp(GuiPreferences preferences, ModelSetupSettings modelSetup) {
        this.preferences = preferences;
        this.modelSetup = modelSetup;
    }

    /** Blocks until the window is closed (or SIGTERM arrives); returns normally in both cases. */
    public static void launch(Optional<ArchiveAddress> archive) {
        startupArchive = archive.orElse(null);
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        TerminationSignal.onTerm(() -> Platform.runLater(Platform::exit));
        Application.launch(HistoseekApp.class);
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(stage, preferences, modelSetup);
        Scene scene = new Scene(window.root(), 1280, 860);
        scene.getStylesheets().add(HistoseekApp.class.getResource("histoseek.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle(MainWindow.TITLE);
        stage.show();
        Optional<ArchiveAddress> archive = Optional.ofNullable(startupArchive)
                .or(() -> preferences.get(GuiPreferences.ARCHIVE).map(ArchiveAddress::of));
        archive.ifPresent(window.archives()::open);
        window.offerModelSetupIfMissing();
    }

    public MainWindow window() {
        return window;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
