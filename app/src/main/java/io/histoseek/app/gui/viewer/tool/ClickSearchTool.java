package io.histoseek.app.gui.viewer.tool;

import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.ViewerTool;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.index.slide.SlideImage;
import javafx.scene.input.MouseEvent;

import java.util.function.Consumer;

/** A click on the slide asks for the tissue under the cursor: a point in level-0 pixels. */
public final class ClickSearchTool implements ViewerTool {
    private final Consumer<ImageRegion> onPoint;

    public ClickSearchTool(Consumer<ImageRegion> onPoint) {
        this.onPoint = onPoint;
    }

    @Override
    public boolean clicked(SlideViewer viewer, MouseEvent click) {
        Viewport view = viewer.getViewport();
        SlideImage image = viewer.getImage();
        long x = (long) Math.floor(view.toImageX(click.getX()));
        long y = (long) Math.floor(view.toImageY(click.getY()));
        if (x < 0 || y < 0 || x >= image.width() || y >= image.height()) {
            return false;
        }
        onPoint.accept(ImageRegion.point(x, y));
        return true;
    }
}
