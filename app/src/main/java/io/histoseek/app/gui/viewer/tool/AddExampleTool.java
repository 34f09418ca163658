package io.histoseek.app.gui.viewer.tool;

import io.histoseek.app.gui.viewer.Drag;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.ViewerTool;
import io.histoseek.app.gui.viewer.overlay.Outline;
import io.histoseek.app.gui.viewer.overlay.OutlineOverlay;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import java.util.function.Consumer;

/**
 * With the shortcut key (Ctrl, or Cmd on a Mac) held: a click adds the tissue under the cursor
 * (a point) to the query as one more positive example, a drag adds the rectangle (drawn dashed
 * on {@code band} meanwhile). Goes before the tools that search, which then never see these.
 */
public final class AddExampleTool implements ViewerTool {
    private final OutlineOverlay band;
    private final Consumer<ImageRegion> onExample;

    public AddExampleTool(OutlineOverlay band, Consumer<ImageRegion> onExample) {
        this.band = band;
        this.onExample = onExample;
    }

    @Override
    public boolean takesDrag(MouseEvent press) {
        return press.isShortcutDown() && press.getButton() == MouseButton.PRIMARY;
    }

    @Override
    public void dragged(SlideViewer viewer, Drag drag) {
        if (drag.moved()) {
            band.outlines().setAll(new Outline(BoxSearchTool.region(viewer, drag), Outline.SELECTION, "+"));
        }
    }

    @Override
    public void released(SlideViewer viewer, Drag drag, MouseEvent release) {
        band.outlines().clear();
        BoxSearchTool.drawnBox(viewer, drag, release).ifPresent(onExample);
    }

    @Override
    public boolean clicked(SlideViewer viewer, MouseEvent click) {
        if (!click.isShortcutDown()) {
            return false;
        }
        ClickSearchTool.pointUnder(viewer, click).ifPresent(onExample);
        return true;
    }
}
