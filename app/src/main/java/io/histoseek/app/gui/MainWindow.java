package io.histoseek.app.gui;

import io.histoseek.app.export.SlideTileRenderer;
import io.histoseek.app.gui.search.SearchPanel;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.OverviewPane;
import io.histoseek.app.gui.viewer.PyramidSource;
import io.histoseek.app.gui.viewer.SlideSources;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.TileCache;
import io.histoseek.app.gui.viewer.Viewport;
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
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The main window: toolbar, archive browser on the left, the viewer in the middle, search results on the right. */
public final class MainWindow {
    public static final String TITLE = "Histoseek";
    private static final long TILE_CACHE_BYTES = 256L * 1024 * 1024;

    private final Stage stage;
    private final GuiPreferences preferences;
    private final BorderPane root = new BorderPane();
    private final SlideSources slides = new SlideSources(24);
    private final SlideViewer viewer = new SlideViewer(new TileCache(TILE_CACHE_BYTES), 2);
    private final SearchPanel searchPanel = new SearchPanel(new SlideTileRenderer(slides));
    private final Navigation<ViewerLocation> navigation = new Navigation<>();
    private final Label status = new Label();
    private final Label slideLabel = new Label();
    private Path currentSlide;

    public MainWindow(Stage stage, GuiPreferences preferences) {
        this.stage = stage;
        this.preferences = preferences;
        status.setId("statusLabel");
        slideLabel.setId("slideLabel");
        StackPane viewerStack = new StackPane(viewer);
        OverviewPane overview = new OverviewPane(viewer, 180);
        StackPane.setAlignment(overview, Pos.TOP_RIGHT);
        StackPane.setMargin(overview, new Insets(10));
        overview.visibleProperty().bind(viewer.sourceProperty().isNotNull());
        viewerStack.getChildren().add(overview);
        SplitPane split = new SplitPane(viewerStack, searchPanel);
        split.setDividerPositions(0.6);
        SplitPane.setResizableWithParent(searchPanel, false);
        root.setTop(toolbar());
        root.setCenter(split);
        HBox statusBar = new HBox(12, status);
        statusBar.getStyleClass().add("status-bar");
        root.setBottom(statusBar);
        viewer.setOnQuery(this::search);
        stage.setOnCloseRequest(event -> close());
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

    private ToolBar toolbar() {
        Button openSlide = button("openSlideButton", "Open slide\u2026", this::chooseSlide);
        Button back = button("backButton", "\u25c0 Back", this::back);
        Button forward = button("forwardButton", "Forward \u25b6", this::forward);
        back.disableProperty().bind(navigation.canGoBackProperty().not());
        forward.disableProperty().bind(navigation.canGoForwardProperty().not());
        Button fit = button("fitButton", "Fit", viewer::fitToWindow);
        Button zoomIn = button("zoomInButton", "+", () -> viewer.zoom(1.5));
        Button zoomOut = button("zoomOutButton", "\u2212", () -> viewer.zoom(1 / 1.5));
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(openSlide, new Separator(), back, forward, new Separator(), zoomOut, zoomIn, fit, spacer, slideLabel);
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }

    private void chooseSlide() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open slide");
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openSlide(file.toPath());
        }
    }

    /** Shows a slide fitted to the window; remembers where the user was for Back. */
    public boolean openSlide(Path file) {
        return show(file, null, List.of(), true);
    }

    private boolean show(Path file, Viewport viewport, List<io.histoseek.app.gui.viewer.Outline> outlines, boolean remember) {
        PyramidSource source;
        try {
            source = slides.open(file);
        } catch (IOException e) {
            status.setText(e.getMessage());
            return false;
        }
        if (remember && currentSlide != null) {
            navigation.leave(here());
        }
        currentSlide = file;
        slides.pin(file);
        if (viewer.getSource() != source) {
            viewer.setSource(source);
        }
        if (viewport != null) {
            viewer.viewportProperty().set(viewport.resized(viewer.getWidth(), viewer.getHeight()));
        } else {
            viewer.fitToWindow();
        }
        viewer.getOutlines().setAll(outlines);
        stage.setTitle(TITLE + " \u2014 " + source.name());
        slideLabel.setText(describe(source));
        status.setText("Opened " + file);
        return true;
    }

    private ViewerLocation here() {
        return new ViewerLocation(currentSlide, viewer.getViewport(), viewer.getOutlines());
    }

    private void back() {
        if (currentSlide != null) {
            navigation.back(here()).ifPresent(location -> show(location.slide(), location.viewport(), location.outlines(), false));
        }
    }

    private void forward() {
        if (currentSlide != null) {
            navigation.forward(here()).ifPresent(location -> show(location.slide(), location.viewport(), location.outlines(), false));
        }
    }

    private static String describe(PyramidSource source) {
        String mpp = source.micronsPerPixel().isPresent()
                ? String.format(java.util.Locale.ROOT, "%.3f \u00b5m/px", source.micronsPerPixel().getAsDouble()) : "mpp unknown";
        return source.name() + "   " + source.width() + " \u00d7 " + source.height() + " px   " + mpp;
    }

    private void search(ImageRegion region) {
        status.setText("Search at " + region);
    }

    public void openArchive(Path folder) {
        preferences.put(GuiPreferences.ARCHIVE, folder.toString());
    }

    Optional<Path> currentSlide() {
        return Optional.ofNullable(currentSlide);
    }

    public void close() {
        viewer.dispose();
        searchPanel.gallery().dispose();
        slides.close();
    }
}
