package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatScale;
import io.histoseek.index.heatmap.HeatTile;
import io.histoseek.index.slide.SlideImage;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.nio.file.Path;

/**
 * A similarity heat map over the slide: each stored tile at or above the threshold filled with
 * its colour ({@link HeatScale}), tiles below it transparent, at the tile grid, following zoom and
 * pan. Zoomed out (tiles a few screen pixels wide) it draws one picture of the whole grid, one
 * pixel per tile, scaled without smoothing; zoomed in it fills the tiles on screen one by one at
 * their exact places. A map belongs to one slide file and is drawn only over that slide.
 */
public final class HeatMapOverlay extends AbstractOverlay {
    /** Below this many screen pixels per tile the grid is drawn as one picture. */
    static final double PICTURE_BELOW_PIXELS = 6;

    /** A heat map and the slide file it was computed for. */
    public record Shown(Path slide, HeatMap map) {
    }

    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold");
    private WritableImage picture;

    public HeatMapOverlay() {
        opacityProperty().set(HeatScale.OPACITY);
        threshold.addListener(obs -> {
            picture = null;
            repaint();
        });
    }

    /** Shows {@code map} over {@code slide}, starting at its initial threshold; on the FX thread. */
    public void show(Path slide, HeatMap map) {
        shown.set(new Shown(slide, map));
        picture = null;
        threshold.set(HeatScale.initialThreshold(map));
        repaint();
    }

    /** Shows nothing. */
    public void clear() {
        shown.set(null);
        picture = null;
        repaint();
    }

    /** The map drawn now and its slide (null: none). */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Tiles below this similarity are not drawn. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    @Override
    protected void draw(GraphicsContext g, Viewport view, SlideImage image) {
        Shown now = shown.get();
        if (now == null || now.map().isEmpty() || !now.slide().equals(image.file())) {
            return;
        }
        HeatMap map = now.map();
        if (map.tiles().getFirst().size() / view.downsample() < PICTURE_BELOW_PIXELS) {
            drawPicture(g, view, map);
        } else {
            drawTiles(g, view, map);
        }
    }

    private void drawPicture(GraphicsContext g, Viewport view, HeatMap map) {
        if (picture == null) {
            picture = new WritableImage(map.columns(), map.rows());
            picture.getPixelWriter().setPixels(0, 0, map.columns(), map.rows(), PixelFormat.getIntArgbInstance(),
                    HeatScale.cells(map, threshold.get()), 0, map.columns());
        }
        g.setImageSmoothing(false);
        g.drawImage(picture, view.toScreenX(map.originX()), view.toScreenY(map.originY()),
                map.columns() * map.stepX() / view.downsample(), map.rows() * map.stepY() / view.downsample());
    }

    private void drawTiles(GraphicsContext g, Viewport view, HeatMap map) {
        double cut = threshold.get();
        for (HeatTile tile : map.tiles()) {
            if (tile.similarity() >= cut && tile.x() + tile.size() >= view.left() && tile.x() <= view.right()
                    && tile.y() + tile.size() >= view.top() && tile.y() <= view.bottom()) {
                int argb = HeatScale.argb(map, tile.similarity());
                g.setFill(Color.rgb(argb >> 16 & 255, argb >> 8 & 255, argb & 255));
                // whole screen pixels: neighbours meet without a seam or a doubled edge
                double left = Math.round(view.toScreenX(tile.x()));
                double top = Math.round(view.toScreenY(tile.y()));
                g.fillRect(left, top, Math.round(view.toScreenX(tile.x() + tile.size())) - left,
                        Math.round(view.toScreenY(tile.y() + tile.size())) - top);
            }
        }
    }
}
