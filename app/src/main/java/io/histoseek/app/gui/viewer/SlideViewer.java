package io.histoseek.app.gui.viewer;

import io.histoseek.index.slide.SlideImage;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * The slide viewer: a canvas on which its {@link #overlays() overlays} paint themselves, in list
 * order, for the image and the {@link Viewport}, and whose mouse and key gestures go to its
 * {@link #tools() tools}. It knows no overlay or tool by name: the slide's pixels, outlines, the
 * scale bar, panning and searching are all registered from outside.
 */
public final class SlideViewer extends Region {
    private static final Color BACKGROUND = Color.web("#3c3f44");

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<SlideImage> image = new SimpleObjectProperty<>(this, "image");
    private final ObjectProperty<Viewport> viewport = new SimpleObjectProperty<>(this, "viewport");
    private final ObservableList<Overlay> overlays = FXCollections.observableArrayList();
    private final ObservableList<ViewerTool> tools = FXCollections.observableArrayList();
    private boolean repaintPending;

    public SlideViewer() {
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(200, 150);
        getStyleClass().add("slide-viewer");
        setId("slideViewer");
        image.addListener((obs, old, now) -> viewport.set(now == null ? null : fitted(now)));
        viewport.addListener(obs -> requestRepaint());
        overlays.addListener((ListChangeListener<Overlay>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(overlay -> overlay.attach(this::requestRepaint));
            }
            requestRepaint();
        });
        ToolInput.install(this);
    }

    /** The slide shown (null: none); a new one is shown fitted to the window. */
    public ObjectProperty<SlideImage> imageProperty() {
        return image;
    }

    public SlideImage getImage() {
        return image.get();
    }

    public ObjectProperty<Viewport> viewportProperty() {
        return viewport;
    }

    public Viewport getViewport() {
        return viewport.get();
    }

    /** The layers, painted first to last. */
    public ObservableList<Overlay> overlays() {
        return overlays;
    }

    /** The gestures, offered first to last. */
    public ObservableList<ViewerTool> tools() {
        return tools;
    }

    /** Whether a slide is on screen (tools act only then). */
    public boolean showing() {
        return image.get() != null && viewport.get() != null;
    }

    public void fitToWindow() {
        if (image.get() != null) {
            viewport.set(fitted(image.get()));
        }
    }

    /** Centres the view on {@code region}, zoomed so it fills about a third of the window's shorter side. */
    public void centreOn(ImageRegion region) {
        if (viewport.get() != null) {
            viewport.set(viewport.get().framing(region));
        }
    }

    /** Zooms by {@code factor} (&gt;1 zooms in) keeping the image point under screen (x, y) in place. */
    public void zoomAround(double x, double y, double factor) {
        Viewport now = viewport.get();
        if (now != null) {
            viewport.set(now.zoomAround(x, y, factor, maxDownsample()));
        }
    }

    /** Zooms around the centre of the window. */
    public void zoom(double factor) {
        zoomAround(screenWidth() / 2, screenHeight() / 2, factor);
    }

    /** Moves the image by screen pixels, keeping the centre of the view on the slide. */
    public void pan(double dx, double dy) {
        Viewport now = viewport.get();
        if (now != null && image.get() != null) {
            viewport.set(now.panByScreen(dx, dy).clampedTo(image.get().width(), image.get().height()));
        }
    }

    public void requestRepaint() {
        if (!repaintPending) {
            repaintPending = true;
            Platform.runLater(() -> {
                repaintPending = false;
                paint();
            });
        }
    }

    /** Stops the overlays' background work. */
    public void dispose() {
        overlays.forEach(Overlay::dispose);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        Viewport now = viewport.get();
        if (now != null && (now.screenWidth() != getWidth() || now.screenHeight() != getHeight())) {
            boolean neverLaidOut = now.screenWidth() <= 1 || now.screenHeight() <= 1;
            viewport.set(neverLaidOut ? fitted(image.get()) : now.resized(getWidth(), getHeight()));
        }
        requestRepaint();
    }

    private Viewport fitted(SlideImage shown) {
        return Viewport.fit(shown.width(), shown.height(), screenWidth(), screenHeight());
    }

    private double screenWidth() {
        return Math.max(1, getWidth());
    }

    private double screenHeight() {
        return Math.max(1, getHeight());
    }

    private double maxDownsample() {
        SlideImage shown = image.get();
        return shown == null ? 1 : Math.max(shown.width(), shown.height()) / 64.0;
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        for (Overlay overlay : showing() ? overlays : List.<Overlay>of()) {
            g.save();
            overlay.paint(g, viewport.get(), image.get());
            g.restore();
        }
    }
}
