package io.histoseek.app.gui;

import io.histoseek.app.export.GalleryExporter;
import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.export.SlideTileRenderer;
import io.histoseek.app.gui.archive.ArchiveBrowser;
import io.histoseek.app.gui.search.ArchiveSession;
import io.histoseek.app.gui.search.SearchController;
import io.histoseek.app.gui.search.SearchPanel;
import io.histoseek.app.gui.setup.ModelSetupDialog;
import io.histoseek.app.gui.setup.ModelSetupSettings;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.Outline;
import io.histoseek.app.gui.viewer.OverviewPane;
import io.histoseek.app.pyramid.PyramidSource;
import io.histoseek.app.pyramid.SlideSources;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.TileCache;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.wizard.IndexWizard;
import io.histoseek.index.pipeline.IndexingSummary;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The main window: toolbar, archive browser on the left, the viewer in the middle, search results
 * on the right, a status line at the bottom. It wires the pieces together; each does its own job.
 */
public final class MainWindow {
    public static final String TITLE = "Histoseek";
    private static final long TILE_CACHE_BYTES = 256L * 1024 * 1024;

    private final Stage stage;
    private final GuiPreferences preferences;
    private final ModelSetupSettings modelSetupSettings;
    private final BorderPane root = new BorderPane();
    private final SlideSources slides = new SlideSources(24);
    private final SlideViewer viewer = new SlideViewer(new TileCache(TILE_CACHE_BYTES), 2);
    private final SearchPanel searchPanel = new SearchPanel(new SlideTileRenderer(slides));
    private final ArchiveBrowser archiveBrowser;
    private final SearchController searchController;
    private final Navigation<ViewerLocation> navigation = new Navigation<>();
    private final Label status = new Label("Ready");
    private final Label slideLabel = new Label();
    private final ExecutorService background = daemonThread("archive-open");
    private final ExecutorService slideOpener = daemonThread("slide-open");
    private volatile ArchiveSession session;
    private IndexWizard wizard;
    private ModelSetupDialog modelSetup;
    private Path currentSlide;

    public MainWindow(Stage stage, GuiPreferences preferences, ModelSetupSettings modelSetupSettings) {
        this.stage = stage;
        this.preferences = preferences;
        this.modelSetupSettings = modelSetupSettings;
        this.archiveBrowser = new ArchiveBrowser(this::chooseArchive, this::openWizard);
        this.searchController = new SearchController(viewer, searchPanel, () -> Optional.ofNullable(session));
        status.setId("statusLabel");
        slideLabel.setId("slideLabel");
        StackPane viewerStack = new StackPane(viewer);
        OverviewPane overview = new OverviewPane(viewer, 180);
        StackPane.setAlignment(overview, Pos.TOP_RIGHT);
        StackPane.setMargin(overview, new Insets(10));
        overview.visibleProperty().bind(viewer.sourceProperty().isNotNull());
        viewerStack.getChildren().add(overview);
        SplitPane split = new SplitPane(archiveBrowser, viewerStack, searchPanel);
        split.setDividerPositions(0.23, 0.61);
        SplitPane.setResizableWithParent(archiveBrowser, false);
        SplitPane.setResizableWithParent(searchPanel, false);
        root.setTop(toolbar());
        root.setCenter(split);
        HBox statusBar = new HBox(12, status);
        statusBar.getStyleClass().add("status-bar");
        root.setBottom(statusBar);
        viewer.setOnQuery(region -> {
            if (currentSlide != null) {
                searchController.search(currentSlide, region);
            }
        });
        archiveBrowser.setOnOpenSlide(this::openSlide);
        searchPanel.setOnOpenHit(this::openHit);
        searchPanel.setOnExport(this::chooseExportFolder);
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public Parent root() {
        return root;
    }

    public SlideViewer viewer() {
        return viewer;
    }

    public SearchPanel searchPanel() {
        return searchPanel;
    }

    public ArchiveBrowser archiveBrowser() {
        return archiveBrowser;
    }

    public Optional<ArchiveSession> session() {
        return Optional.ofNullable(session);
    }

    public Optional<IndexWizard> wizard() {
        return Optional.ofNullable(wizard);
    }

    public Optional<ModelSetupDialog> modelSetup() {
        return Optional.ofNullable(modelSetup);
    }

    public Label status() {
        return status;
    }

    private ToolBar toolbar() {
        Button openSlide = Controls.button("openSlideButton", "Open slide\u2026", this::chooseSlide);
        Button openArchive = Controls.button("toolbarOpenArchive", "Open archive\u2026", this::chooseArchive);
        Button index = Controls.button("toolbarIndex", "Index folders\u2026", this::openWizard);
        Button model = Controls.button("toolbarModel", "Model\u2026", this::openModelSetup);
        Button back = Controls.button("backButton", "\u25c0 Back", this::back);
        Button forward = Controls.button("forwardButton", "Forward \u25b6", this::forward);
        back.disableProperty().bind(navigation.canGoBackProperty().not());
        forward.disableProperty().bind(navigation.canGoForwardProperty().not());
        Button fit = Controls.button("fitButton", "Fit", viewer::fitToWindow);
        Button zoomIn = Controls.button("zoomInButton", "+", () -> viewer.zoom(1.5));
        Button zoomOut = Controls.button("zoomOutButton", "\u2212", () -> viewer.zoom(1 / 1.5));
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(openSlide, openArchive, index, model, new Separator(), back, forward, new Separator(),
                zoomOut, zoomIn, fit, spacer, slideLabel);
    }

    private void chooseSlide() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open slide");
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openSlide(file.toPath());
        }
    }

    private void chooseArchive() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open archive folder");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            openArchive(dir.toPath());
        }
    }

    /** Opens an archive in the background; search uses it once ready. */
    public CompletableFuture<ArchiveSession> openArchive(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        CompletableFuture<ArchiveSession> opened = new CompletableFuture<>();
        if (background.isShutdown()) {
            opened.cancel(false);
            return opened;
        }
        status.setText("Opening archive " + absolute + "\u2026");
        background.execute(() -> {
            try {
                ArchiveSession next = ArchiveSession.open(absolute, preferences.checkpoint());
                Platform.runLater(() -> {
                    ArchiveSession previous = session;
                    session = next;
                    if (previous != null) {
                        background.execute(previous::close);
                    }
                    preferences.put(GuiPreferences.ARCHIVE, absolute.toString());
                    archiveBrowser.show(next);
                    status.setText(next.searchable() ? "Archive " + absolute + " open: click tissue to search it"
                            : "Archive " + absolute + " holds no vectors yet: index some slides");
                    opened.complete(next);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> status.setText(oneLine(e)));
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }

    public void openWizard() {
        if (wizard == null || !wizard.stage().isShowing() && !wizard.running()) {
            wizard = new IndexWizard(stage, preferences, session == null ? null : session.folder(),
                    this::indexingFinished, archiveBrowser::refresh);
        }
        wizard.show();
    }

    /** Opens the model setup (download, use a file, later); the same dialog each time. */
    public void openModelSetup() {
        if (modelSetup == null) {
            modelSetup = new ModelSetupDialog(stage, preferences, modelSetupSettings,
                    model -> status.setText("Model registered: " + model.checkpoint()));
        }
        modelSetup.show();
    }

    /** On start: offers the model setup when no checkpoint is configured anywhere; says whether it did. */
    public boolean offerModelSetupIfMissing() {
        if (modelSetupSettings.offerOnStart() && ModelSetupSettings.modelMissing(preferences, System.getenv())) {
            openModelSetup();
            return true;
        }
        return false;
    }

    private void indexingFinished(IndexingSummary summary) {
        preferences.path(GuiPreferences.ARCHIVE).ifPresent(this::openArchive);
    }

    /** Shows a slide fitted to the window; remembers where the user was for Back. */
    public CompletableFuture<Boolean> openSlide(Path file) {
        return show(file, null, null, List.of(), true);
    }

    /** Opens a hit's slide centred on it with the tile outlined; Back returns to the query. A missing file only says so. */
    public void openHit(GalleryTile hit) {
        if (!Files.isRegularFile(hit.slide())) {
            status.setText(hit.slide() + ": slide file missing (moved or on a drive that is not mounted)");
            return;
        }
        ImageRegion region = new ImageRegion(hit.x(), hit.y(), hit.width(), hit.height());
        show(hit.slide(), null, region, List.of(new Outline(region, Outline.HIT,
                String.format(Locale.ROOT, "hit #%d  %.3f", hit.rank(), hit.score()))), true);
    }

    /** Opens the slide file off the FX thread (OpenSlide reads its headers), then shows it. */
    private CompletableFuture<Boolean> show(Path file, Viewport viewport, ImageRegion centre, List<Outline> outlines, boolean remember) {
        Path absolute = file.toAbsolutePath().normalize();
        status.setText("Opening " + absolute + "\u2026");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return slides.open(absolute);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, slideOpener).handleAsync((source, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                status.setText(cause.getMessage() == null ? cause.toString() : cause.getMessage().lines().findFirst().orElse(""));
                return false;
            }
            display(absolute, source, viewport, centre, outlines, remember);
            return true;
        }, Platform::runLater);
    }

    private void display(Path file, PyramidSource source, Viewport viewport, ImageRegion centre, List<Outline> outlines,
                         boolean remember) {
        if (remember && currentSlide != null) {
            navigation.leave(here());
        }
        currentSlide = file;
        slides.pin(currentSlide);
        if (viewer.getSource() != source) {
            viewer.setSource(source);
        }
        if (viewport != null) {
            viewer.viewportProperty().set(viewport.resized(viewer.getWidth(), viewer.getHeight()));
        } else {
            viewer.fitToWindow();
        }
        if (centre != null) {
            viewer.centreOn(centre);
        }
        viewer.getOutlines().setAll(outlines);
        stage.setTitle(TITLE + " \u2014 " + source.name());
        slideLabel.setText(describe(source));
        status.setText("Opened " + currentSlide);
    }

    private ViewerLocation here() {
        return new ViewerLocation(currentSlide, viewer.getViewport(), viewer.getOutlines());
    }

    public void back() {
        if (currentSlide != null) {
            navigation.back(here()).ifPresent(location -> show(location.slide(), location.viewport(), null, location.outlines(), false));
        }
    }

    public void forward() {
        if (currentSlide != null) {
            navigation.forward(here()).ifPresent(location -> show(location.slide(), location.viewport(), null, location.outlines(), false));
        }
    }

    private static String describe(PyramidSource source) {
        String mpp = source.micronsPerPixel().isPresent()
                ? String.format(Locale.ROOT, "%.3f \u00b5m/px", source.micronsPerPixel().getAsDouble()) : "mpp unknown";
        return source.name() + "   " + source.width() + " \u00d7 " + source.height() + " px   " + mpp;
    }

    private void chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the gallery into a folder");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            exportTo(dir.toPath());
        }
    }

    /** Writes the current gallery (page, table, pictures, GeoJSON) into {@code folder} in the background. */
    public CompletableFuture<List<Path>> exportTo(Path folder) {
        Optional<ResultGallery> result = searchController.lastResult();
        CompletableFuture<List<Path>> done = new CompletableFuture<>();
        if (result.isEmpty()) {
            status.setText("Nothing to export: search first");
            done.completeExceptionally(new IllegalStateException("no search result"));
            return done;
        }
        status.setText("Exporting to " + folder + "\u2026");
        CompletableFuture.runAsync(() -> {
            try {
                List<Path> files = new GalleryExporter(new SlideTileRenderer(slides)).export(result.get(), folder);
                Platform.runLater(() -> status.setText("Exported " + files.size() + " files to " + folder));
                done.complete(files);
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> status.setText("Export failed: " + oneLine(e)));
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Stops background work and closes the archive and slides; an indexing run stops at a safe point. */
    public void close() {
        if (wizard != null) {
            wizard.cancelAndWait(java.time.Duration.ofSeconds(20));
        }
        if (modelSetup != null) {
            modelSetup.dispose();
        }
        viewer.dispose();
        searchPanel.gallery().dispose();
        searchController.dispose();
        archiveBrowser.dispose();
        background.shutdownNow();
        slideOpener.shutdownNow();
        if (session != null) {
            session.close();
        }
        slides.close();
    }
}
