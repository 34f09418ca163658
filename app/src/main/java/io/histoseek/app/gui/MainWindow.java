package io.histoseek.app.gui;

import io.histoseek.app.export.SlideTileRenderer;
import io.histoseek.app.gui.archive.ArchiveBrowser;
import io.histoseek.app.gui.archive.ArchiveOpener;
import io.histoseek.app.gui.cases.Cases;
import io.histoseek.app.gui.fx.Controls;
import io.histoseek.app.gui.fx.FxImages;
import io.histoseek.app.gui.heatmap.HeatMapController;
import io.histoseek.app.gui.heatmap.HeatMapControls;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.search.ExampleButtons;
import io.histoseek.app.gui.search.ExampleChips;
import io.histoseek.app.gui.search.SearchPanel;
import io.histoseek.app.gui.setup.ModelSetupDialog;
import io.histoseek.app.gui.setup.ModelSetupSettings;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.Thumbnails;
import io.histoseek.app.gui.viewer.overlay.HeatMapOverlay;
import io.histoseek.app.gui.wizard.IndexWizard;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.SlideImagePool;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The main window: it makes the shared model and the panels (archive browser on the left, slide
 * panel in the middle, search panel on the right), lays them out under a toolbar with a status
 * line below, and wires the toolbar to them. The panels talk to each other through the model.
 */
public final class MainWindow {
    public static final String TITLE = "Histoseek";
    /** Bytes of decoded pixels each cache may hold: the viewer's tiles, slide thumbnails, gallery pictures. */
    static final long TILE_CACHE_BYTES = 256L << 20;
    static final long THUMBNAIL_CACHE_BYTES = 32L << 20;
    static final long GALLERY_CACHE_BYTES = 64L << 20;
    private static final int OPEN_SLIDES = 24;

    private final Stage stage;
    private final AppModel model;
    private final ModelSetupSettings modelSetupSettings;
    private final SlideImagePool slides = new SlideImagePool(OpenSlideImage::open, OPEN_SLIDES);
    private final Thumbnails thumbnails = new Thumbnails(slides, THUMBNAIL_CACHE_BYTES);
    private final ArchiveOpener archives;
    private final ArchiveBrowser archiveBrowser;
    private final SlidePanel slidePanel;
    private final SearchPanel searchPanel;
    private final ExampleChips exampleChips;
    private final HeatMapOverlay heatMap = new HeatMapOverlay();
    private final HeatMapController heatMapController;
    private final Cases cases;
    private final BorderPane root = new BorderPane();
    private final Label slideLabel = new Label();
    private IndexWizard wizard;
    private ModelSetupDialog modelSetup;

    public MainWindow(Stage stage, GuiPreferences preferences, ModelSetupSettings modelSetupSettings) {
        this.stage = stage;
        this.model = new AppModel(preferences);
        this.modelSetupSettings = modelSetupSettings;
        this.archives = new ArchiveOpener(model);
        this.archiveBrowser = new ArchiveBrowser(model, archives, thumbnails);
        this.slidePanel = new SlidePanel(model, slides, thumbnails, new RegionCache<>(TILE_CACHE_BYTES, FxImages::bytes));
        SlideTileRenderer renderer = new SlideTileRenderer(slides, new RegionCache<>(GALLERY_CACHE_BYTES, SlideTileRenderer::bytes));
        this.searchPanel = new SearchPanel(model, renderer);
        this.exampleChips = new ExampleChips(model, renderer);
        this.cases = new Cases(model, stage);
        searchPanel.aboveGallery().add(exampleChips);
        searchPanel.aboveGallery().add(cases.votePanel());
        searchPanel.gallery().cardExtras().add(new ExampleButtons(model));
        searchPanel.gallery().cardExtras().add(cases.cardLabels());
        // above the slide and the tile grid, below the outlines
        slidePanel.viewer().overlays().add(2, heatMap);
        slidePanel.overlayControls().add(new HeatMapControls(heatMap, slidePanel.viewer()));
        this.heatMapController = new HeatMapController(model, slidePanel.viewer(), heatMap);
        slidePanel.overlayControls().add(heatMapController.progress());
        model.onIndexFolders(this::openWizard);
        slidePanel.viewer().imageProperty().addListener((obs, old, image) -> showTitle(image));
        SplitPane split = new SplitPane(archiveBrowser, slidePanel, searchPanel);
        split.setDividerPositions(0.23, 0.61);
        SplitPane.setResizableWithParent(archiveBrowser, false);
        SplitPane.setResizableWithParent(searchPanel, false);
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(model.statusProperty());
        HBox statusBar = new HBox(12, status);
        statusBar.getStyleClass().add("status-bar");
        slideLabel.setId("slideLabel");
        root.setTop(toolbar());
        root.setCenter(split);
        root.setBottom(statusBar);
    }

    private ToolBar toolbar() {
        SlideViewer viewer = slidePanel.viewer();
        Button back = Controls.button("backButton", "\u25c0 Back", slidePanel::back);
        Button forward = Controls.button("forwardButton", "Forward \u25b6", slidePanel::forward);
        back.disableProperty().bind(slidePanel.navigation().canGoBackProperty().not());
        forward.disableProperty().bind(slidePanel.navigation().canGoForwardProperty().not());
        ToggleButton tiles = new ToggleButton("Tiles");
        tiles.setId("tileGridToggle");
        tiles.selectedProperty().bindBidirectional(slidePanel.tileGrid().visibleProperty());
        ToggleButton heat = new ToggleButton("Heat map");
        heat.setId("heatMapToggle");
        heat.selectedProperty().bindBidirectional(heatMapController.enabledProperty());
        // The slide's name takes the room left and is shortened with an ellipsis, never pushed off the toolbar.
        HBox slideName = new HBox(slideLabel);
        slideName.setAlignment(Pos.CENTER_RIGHT);
        slideName.setPrefWidth(0);
        slideLabel.setMinWidth(0);
        HBox.setHgrow(slideName, Priority.ALWAYS);
        return new ToolBar(
                Controls.button("openSlideButton", "Open slide\u2026", slidePanel::chooseSlide),
                Controls.button("toolbarOpenArchive", "Open archive\u2026", () -> archives.choose(stage)),
                Controls.button("toolbarIndex", "Index folders\u2026", this::openWizard),
                Controls.button("toolbarModel", "Model\u2026", this::openModelSetup),
                new Separator(), back, forward, new Separator(),
                Controls.button("zoomOutButton", "\u2212", () -> viewer.zoom(1 / 1.5)),
                Controls.button("zoomInButton", "+", () -> viewer.zoom(1.5)),
                Controls.button("fitButton", "Fit", viewer::fitToWindow), tiles, heat,
                Controls.button("similarSlidesButton", "Similar slides", () -> slidePanel.currentSlide().ifPresent(model::findSimilarSlides)),
                slideName);
    }

    private void showTitle(SlideImage image) {
        if (image == null) {
            return;
        }
        // A slide of the archive shows the scale its tiles were cut at, as recorded (--mpp included).
        Optional<SlideMetadata> stored = Optional.ofNullable(model.archiveProperty().get())
                .flatMap(session -> session.indexedRecord(image.file())).map(SlideRecord::metadata)
                .filter(metadata -> metadata.mpp() > 0 && !metadata.mppSource().isEmpty());
        PhysicalScale scale = image.scale();
        String mpp = stored.map(metadata -> mppText(metadata.mpp(), metadata.mppEstimated()))
                .orElse(!scale.known() ? "mpp unknown" : mppText(scale.mpp(), scale.source().isEstimate()));
        stage.setTitle(TITLE + " \u2014 " + image.name());
        slideLabel.setText(image.name() + "   " + image.width() + " \u00d7 " + image.height() + " px   " + mpp);
    }

    private static String mppText(double mpp, boolean estimated) {
        return String.format(Locale.ROOT, "%.3f \u00b5m/px%s", mpp, estimated ? " (estimated from the objective)" : "");
    }

    public Parent root() {
        return root;
    }

    public AppModel model() {
        return model;
    }

    public SlidePanel slidePanel() {
        return slidePanel;
    }

    public SearchPanel searchPanel() {
        return searchPanel;
    }

    public ExampleChips exampleChips() {
        return exampleChips;
    }

    public HeatMapOverlay heatMap() {
        return heatMap;
    }

    public ArchiveBrowser archiveBrowser() {
        return archiveBrowser;
    }

    public ArchiveOpener archives() {
        return archives;
    }

    public Optional<IndexWizard> wizard() {
        return Optional.ofNullable(wizard);
    }

    public Optional<ModelSetupDialog> modelSetup() {
        return Optional.ofNullable(modelSetup);
    }

    /** Opens the indexing wizard on the open archive (the same window while it is showing or running). */
    public void openWizard() {
        ArchiveSession open = model.archiveProperty().get();
        openWizard(open == null ? null : open.address());
    }

    private void openWizard(ArchiveAddress archive) {
        if (wizard == null || !wizard.stage().isShowing() && !wizard.running()) {
            wizard = new IndexWizard(stage, model, archive);
        }
        wizard.show();
    }

    /** Opens the model setup (download, use a file, later); the same dialog each time. */
    public void openModelSetup() {
        if (modelSetup == null) {
            modelSetup = new ModelSetupDialog(stage, model.preferences(), modelSetupSettings,
                    registered -> model.statusProperty().set("Model registered: " + registered.checkpoint()));
        }
        modelSetup.show();
    }

    /** On start: offers the model setup when no checkpoint is configured anywhere; says whether it did. */
    public boolean offerModelSetupIfMissing() {
        if (modelSetupSettings.offerOnStart() && ModelSetupSettings.modelMissing(model.preferences(), System.getenv())) {
            openModelSetup();
            return true;
        }
        return false;
    }

    /** Stops background work and closes the archive and slides; an indexing run stops at a safe point. */
    public void close() {
        if (wizard != null) {
            wizard.cancelAndWait(Duration.ofSeconds(20));
        }
        if (modelSetup != null) {
            modelSetup.dispose();
        }
        slidePanel.dispose();
        searchPanel.dispose();
        exampleChips.dispose();
        heatMapController.dispose();
        cases.dispose();
        archiveBrowser.dispose();
        archives.close();
        thumbnails.close();
        slides.close();
    }
}
