package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.gui.viewer.Overlay;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.index.slide.SlideImage;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.canvas.GraphicsContext;

/**
 * What every overlay has: it can be hidden or made translucent (both repaint the viewer), and it
 * can ask for a repaint from any thread when what it shows has changed.
 */
public abstract class AbstractOverlay implements Overlay {
    private final BooleanProperty visible = new SimpleBooleanProperty(true);
    private final DoubleProperty opacity = new SimpleDoubleProperty(1);
    private Runnable repaint = () -> {};

    protected AbstractOverlay() {
        visible.addListener(obs -> repaint());
        opacity.addListener(obs -> repaint());
    }

    public final BooleanProperty visibleProperty() {
        return visible;
    }

    /** 0 (invisible) to 1 (opaque): how much of the layers below shows through. */
    public final DoubleProperty opacityProperty() {
        return opacity;
    }

    @Override
    public final void attach(Runnable viewerRepaint) {
        this.repaint = viewerRepaint;
    }

    @Override
    public final void paint(GraphicsContext g, Viewport viewport, SlideImage image) {
        if (visible.get() && opacity.get() > 0) {
            g.setGlobalAlpha(opacity.get());
            draw(g, viewport, image);
        }
    }

    /** Paints the overlay (visible, with its opacity already set on {@code g}). */
    protected abstract void draw(GraphicsContext g, Viewport viewport, SlideImage image);

    /** Asks the viewer to paint again; safe from any thread. */
    protected final void repaint() {
        if (Platform.isFxApplicationThread()) {
            repaint.run();
        } else {
            Platform.runLater(repaint);
        }
    }
}
