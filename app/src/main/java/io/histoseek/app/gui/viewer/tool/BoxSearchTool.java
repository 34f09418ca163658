package io.histoseek.app.gui.viewer.tool;

import io.histoseek.app.gui.viewer.Drag;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.ViewerTool;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.viewer.overlay.Outline;
import io.histoseek.app.gui.viewer.overlay.OutlineOverlay;
import io.histoseek.index.slide.SlideImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Shift-drag with the primary button: a rectangle, drawn dashed on {@code band} while dragging,
 * asked for on release (clipped to the slide; an empty one asks nothing).
 */
public final class BoxSearchTool implements ViewerTool {
    private final OutlineOverlay band;
    private final Consumer<ImageRegion> onBox;

    public BoxSearchTool(OutlineOverlay band, Consumer<ImageRegion> onBox) {
        this.band = band;
        this.onBox = onBox;
    }

    @Override
    public boolean takesDrag(MouseEvent press) {
        return press.isShiftDown() && press.getButton() == MouseButton.PRIMARY;
    }

    @Override
    public void dragged(SlideViewer viewer, Drag drag) {
        band.outlines().setAll(new Outline(region(viewer, drag), Outline.SELECTION, null));
    }

    @Override
    public void released(SlideViewer viewer, Drag drag, MouseEvent release) {
        band.outlines().clear();
        drawnBox(viewer, drag, release).ifPresent(onBox);
    }

    /** The rectangle a primary-button drag drew, once released; empty for a click or an empty box. */
    static Optional<ImageRegion> drawnBox(SlideViewer viewer, Drag drag, MouseEvent release) {
        ImageRegion box = region(viewer, drag);
        boolean drawn = drag.moved() && release.getButton() == MouseButton.PRIMARY && box.width() > 0 && box.height() > 0;
        return drawn ? Optional.of(box) : Optional.empty();
    }

    /** The level-0 rectangle between the press and the pointer, clipped to the slide. */
    static ImageRegion region(SlideViewer viewer, Drag drag) {
        Viewport view = viewer.getViewport();
        SlideImage image = viewer.getImage();
        long left = (long) Math.clamp(view.toImageX(Math.min(drag.pressX(), drag.x())), 0, image.width());
        long top = (long) Math.clamp(view.toImageY(Math.min(drag.pressY(), drag.y())), 0, image.height());
        long right = (long) Math.clamp(view.toImageX(Math.max(drag.pressX(), drag.x())), 0, image.width());
        long bottom = (long) Math.clamp(view.toImageY(Math.max(drag.pressY(), drag.y())), 0, image.height());
        return new ImageRegion(left, top, right - left, bottom - top);
    }
}
