package io.histoseek.app.gui;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.Query;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.OverviewPane;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.Thumbnails;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.viewer.overlay.Outline;
import io.histoseek.app.gui.viewer.overlay.OutlineOverlay;
import io.histoseek.app.gui.viewer.overlay.ScaleBarOverlay;
import io.histoseek.app.gui.viewer.overlay.SlideLayer;
import io.histoseek.app.gui.viewer.overlay.TileGridOverlay;
import io.histoseek.app.gui.viewer.tool.AddExampleTool;
import io.histoseek.app.gui.viewer.tool.BoxSearchTool;
import io.histoseek.app.gui.viewer.tool.ClickSearchTool;
import io.histoseek.app.gui.viewer.tool.PanTool;
import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.SlideImagePool;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * The middle of the window: the viewer with its layers (slide, tile grid, query, opened hit,
 * dragged box, scale bar) and tools (add an example, box search, click search, pan), the
 * overview, and the places visited for back and forward. Opens the slides and hits the model asks
 * for (off the FX thread), turns clicks and boxes into the model's searches (with the shortcut key:
 * into examples added to the query), and outlines the query and the opened hit.
 */
public final class SlidePanel extends StackPane {
    private final AppModel model;
    private final SlideImagePool slides;
    private final SlideViewer viewer = new SlideViewer();
    private final SlideLayer slideLayer;
    private final TileGridOverlay tileGrid = new TileGridOverlay();
    private final OutlineOverlay queryOutlines = new OutlineOverlay(false);
    private final OutlineOverlay hitOutlines = new OutlineOverlay(false);
    private final VBox overlayControls = new VBox(6);
    private final Navigation<ViewerLocation> navigation = new Navigation<>();
    private final ExecutorService opener = Background.thread("slide-open");
    private Path current;

    /** {@code tiles}: the byte-bounded cache of the viewer's decoded tiles. */
    public SlidePanel(AppModel model, SlideImagePool slides, Thumbnails thumbnails, RegionCache<Image> tiles) {
        this.model = model;
        this.slides = slides;
        this.slideLayer = new SlideLayer(thumbnails, tiles, 2);
        OutlineOverlay box = new OutlineOverlay(true);
        viewer.overlays().addAll(slideLayer, tileGrid, queryOutlines, hitOutlines, box, new ScaleBarOverlay());
        viewer.tools().addAll(new AddExampleTool(box, this::addExample), new BoxSearchTool(box, this::search),
                new ClickSearchTool(this::search), new PanTool());
        OverviewPane overview = new OverviewPane(viewer, slideLayer.thumbnailProperty(), 180);
        overview.visibleProperty().bind(viewer.imageProperty().isNotNull());
        Label placeholder = new Label("Open a slide with Open slide\u2026,\nor double-click one in the archive");
        placeholder.getStyleClass().add("viewer-placeholder");
        placeholder.setMouseTransparent(true);
        placeholder.visibleProperty().bind(viewer.imageProperty().isNull());
        overlayControls.setPickOnBounds(false);
        overlayControls.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        getChildren().addAll(viewer, placeholder, overview, overlayControls);
        StackPane.setAlignment(overview, Pos.TOP_RIGHT);
        StackPane.setMargin(overview, new Insets(10));
        StackPane.setAlignment(overlayControls, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(overlayControls, new Insets(10));
        model.onOpenSlide(this::open);
        model.onOpenHit(this::openHit);
        model.onSearch(this::outlineBox);
        model.resultProperty().addListener((obs, old, result) -> outlineQueryTile(result));
        model.queryProperty().addListener((obs, old, query) -> {
            if (query == null) {
                queryOutlines.outlines().clear();
            }
        });
    }

    public SlideViewer viewer() {
        return viewer;
    }

    public SlideLayer slideLayer() {
        return slideLayer;
    }

    public TileGridOverlay tileGrid() {
        return tileGrid;
    }

    public OutlineOverlay queryOutlines() {
        return queryOutlines;
    }

    public OutlineOverlay hitOutlines() {
        return hitOutlines;
    }

    /** Room over the viewer's bottom right corner for an overlay's controls (a legend, a threshold). */
    public ObservableList<Node> overlayControls() {
        return overlayControls.getChildren();
    }

    /** The slide file shown now, if any. */
    public Optional<Path> currentSlide() {
        return Optional.ofNullable(current);
    }

    public Navigation<ViewerLocation> navigation() {
        return navigation;
    }

    public void chooseSlide() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open slide");
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            open(file.toPath());
        }
    }

    /** Shows a slide fitted to the window; remembers where the user was for Back. */
    public CompletableFuture<Boolean> open(Path file) {
        return show(file, null, null, List.of(), List.of(), true);
    }

    /** Opens a hit's slide centred on it with the tile outlined; Back returns to the query. A missing file only says so. */
    public void openHit(GalleryTile hit) {
        if (!Files.isRegularFile(hit.slide())) {
            model.statusProperty().set(hit.slide() + ": slide file missing (moved or on a drive that is not mounted)");
            return;
        }
        ImageRegion region = new ImageRegion(hit.x(), hit.y(), hit.width(), hit.height());
        show(hit.slide(), null, region, List.of(), List.of(new Outline(region, Outline.HIT,
                String.format(Locale.ROOT, "hit #%d  %.3f", hit.rank(), hit.score()))), true);
    }

    public void back() {
        if (current != null) {
            navigation.back(here()).ifPresent(this::revisit);
        }
    }

    public void forward() {
        if (current != null) {
            navigation.forward(here()).ifPresent(this::revisit);
        }
    }

    private void revisit(ViewerLocation location) {
        show(location.slide(), location.viewport(), null, location.query(), location.hits(), false);
    }

    private ViewerLocation here() {
        return new ViewerLocation(current, viewer.getViewport(), queryOutlines.outlines(), hitOutlines.outlines());
    }

    private void search(ImageRegion region) {
        if (current != null) {
            model.search(Query.of(current, region));
        }
    }

    private void addExample(ImageRegion region) {
        if (current != null) {
            model.addExample(Query.example(current, region, true));
        }
    }

    /** A box is outlined at once, while it is searched for; a point waits for its tile in the result. */
    private void outlineBox(Query query) {
        if (!query.region().isPoint() && model.archiveProperty().get() != null && query.slide().equals(current)) {
            queryOutlines.outlines().setAll(new Outline(query.region(), Outline.QUERY, "query"));
        }
    }

    private void outlineQueryTile(ResultGallery result) {
        if (result != null && result.query().slide().equals(current)) {
            GalleryTile tile = result.query();
            queryOutlines.outlines().setAll(new Outline(new ImageRegion(tile.x(), tile.y(), tile.width(), tile.height()),
                    Outline.QUERY, "query"));
        }
    }

    /** Opens the slide file off the FX thread (OpenSlide reads its headers), then shows it. */
    private CompletableFuture<Boolean> show(Path file, Viewport viewport, ImageRegion centre, List<Outline> query,
                                            List<Outline> hits, boolean remember) {
        Path absolute = file.toAbsolutePath().normalize();
        model.statusProperty().set("Opening " + absolute + "\u2026");
        return CompletableFuture.supplyAsync(() -> {
            try {
                return slides.open(absolute);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, opener).handleAsync((image, failure) -> {
            if (failure != null) {
                model.statusProperty().set(OneLine.of(failure));
                return false;
            }
            if (remember && current != null) {
                navigation.leave(here());
            }
            display(absolute, image, viewport, centre);
            queryOutlines.outlines().setAll(query);
            hitOutlines.outlines().setAll(hits);
            model.statusProperty().set("Opened " + absolute);
            return true;
        }, Platform::runLater);
    }

    private void display(Path file, SlideImage image, Viewport viewport, ImageRegion centre) {
        current = file;
        slides.pin(file);
        viewer.imageProperty().set(image);
        if (viewport != null) {
            viewer.viewportProperty().set(viewport.resized(viewer.getWidth(), viewer.getHeight()));
        } else {
            viewer.fitToWindow();
        }
        if (centre != null) {
            viewer.centreOn(centre);
        }
    }

    public void dispose() {
        viewer.dispose();
        opener.shutdownNow();
    }
}
