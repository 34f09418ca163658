package io.histoseek.app.gui.viewer;

import io.histoseek.index.slide.SlideImage;
import javafx.scene.canvas.GraphicsContext;

/**
 * One layer of the viewer (the slide's pixels, a tile grid, outlines, a heat map, the scale
 * bar): it paints itself over the layers below, given the image and where the viewer looks. The
 * viewer paints its overlays in list order; registering one is {@code viewer.overlays().add(o)}.
 */
public interface Overlay {
    /**
     * Paints onto the viewer's canvas in screen pixels ({@code viewport} converts from level-0
     * pixels and has the canvas size). Runs on the FX thread for every frame: read no pixels here.
     */
    void paint(GraphicsContext g, Viewport viewport, SlideImage image);

    /** Called once when added to a viewer: the overlay runs {@code repaint} whenever what it shows changes. */
    default void attach(Runnable repaint) {}

    /** Called when the viewer is disposed: stops background work the overlay started. */
    default void dispose() {}
}
