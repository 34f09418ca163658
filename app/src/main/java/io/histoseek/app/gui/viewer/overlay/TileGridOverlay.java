package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SlideException;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TilePosition;
import javafx.application.Platform;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The tissue tiles indexing cuts from the slide (the same tissue detection and grid, at the
 * default tissue threshold) as thin squares: the pieces a click can find. Planned in the
 * background the first time it is painted for a slide; hidden until switched on. A slide that
 * cannot be tiled (no mpp, too coarse) shows no grid.
 */
public final class TileGridOverlay extends AbstractOverlay {
    private static final Color LINE = Color.color(1, 0.78, 0, 0.75);

    private final ExecutorService planner = Background.thread("tile-grid");
    private SlideImage planned;
    /** Set on the FX thread; volatile so a test thread polling {@link #tiles()} sees it. */
    private volatile List<TilePosition> tiles = List.of();

    public TileGridOverlay() {
        visibleProperty().set(false);
    }

    /** The tiles drawn now (empty until planned). */
    public List<TilePosition> tiles() {
        return tiles;
    }

    @Override
    protected void draw(GraphicsContext g, Viewport view, SlideImage image) {
        if (image != planned) {
            planned = image;
            tiles = List.of();
            planner.execute(() -> plan(image));
        }
        g.setStroke(LINE);
        g.setLineWidth(1);
        for (TilePosition tile : tiles) {
            if (tile.x() + tile.size() >= view.left() && tile.x() <= view.right()
                    && tile.y() + tile.size() >= view.top() && tile.y() <= view.bottom()) {
                double side = tile.size() / view.downsample();
                g.strokeRect(Math.round(view.toScreenX(tile.x())) + 0.5, Math.round(view.toScreenY(tile.y())) + 0.5, side, side);
            }
        }
    }

    private void plan(SlideImage image) {
        try {
            PhysicalScale scale = image.scale();
            if (!scale.known() || TileGrid.tooCoarse(scale)) {
                return;
            }
            List<TilePosition> cut = TileGrid.plan(image, scale).tiles();
            Platform.runLater(() -> {
                if (this.planned == image) {
                    tiles = cut;
                    repaint();
                }
            });
        } catch (SlideException | RuntimeException e) {
            // An unreadable slide (or one closed meanwhile) shows no grid.
        }
    }

    @Override
    public void dispose() {
        planner.shutdownNow();
    }
}
