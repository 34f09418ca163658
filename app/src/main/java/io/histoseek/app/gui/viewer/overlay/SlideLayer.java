package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.gui.viewer.Thumbnails;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.SlideImage;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * The slide itself: white paper, the slide's thumbnail stretched over it, and over that the tiles
 * of the pyramid level that fits the zoom as they arrive from the {@link TileLoader}. The first
 * paint of a new slide starts its thumbnail's read.
 */
public final class SlideLayer extends AbstractOverlay {
    /** Level pixels per side of the viewer's tiles. */
    public static final int TILE = 256;
    private static final int THUMBNAIL_SIDE = 1024;

    private final Thumbnails thumbnails;
    private final TileLoader loader;
    private final ReadOnlyObjectWrapper<Image> thumbnail = new ReadOnlyObjectWrapper<>(this, "thumbnail");
    private SlideImage shown;

    /** {@code tiles}: the byte-bounded cache of decoded tiles; {@code readers}: threads reading them. */
    public SlideLayer(Thumbnails thumbnails, RegionCache<Image> tiles, int readers) {
        this.thumbnails = thumbnails;
        this.loader = new TileLoader(tiles, readers, this::repaint);
    }

    /** The thumbnail of the slide shown, once read (null before). */
    public ReadOnlyObjectProperty<Image> thumbnailProperty() {
        return thumbnail.getReadOnlyProperty();
    }

    @Override
    protected void draw(GraphicsContext g, Viewport view, SlideImage image) {
        if (image != shown) {
            startThumbnail(image);
        }
        double left = view.toScreenX(0);
        double top = view.toScreenY(0);
        double width = image.width() / view.downsample();
        double height = image.height() / view.downsample();
        g.setFill(Color.WHITE);
        g.fillRect(left, top, width, height);
        if (thumbnail.get() != null) {
            g.drawImage(thumbnail.get(), left, top, width, height);
        }
        drawTiles(g, view, image);
    }

    private void startThumbnail(SlideImage image) {
        shown = image;
        thumbnail.set(null);
        thumbnails.load(image, THUMBNAIL_SIDE, picture -> {
            if (shown == image) {
                thumbnail.set(picture.orElse(null));
                repaint();
            }
        });
    }

    private void drawTiles(GraphicsContext g, Viewport view, SlideImage image) {
        int level = image.levelFor(view.downsample());
        double downsample = image.levelDownsample(level);
        double tileSpan = TILE * downsample;
        long firstColumn = Math.max(0, (long) Math.floor(view.left() / tileSpan));
        long firstRow = Math.max(0, (long) Math.floor(view.top() / tileSpan));
        long lastColumn = Math.min((image.levelWidth(level) - 1) / TILE, (long) Math.floor(view.right() / tileSpan));
        long lastRow = Math.min((image.levelHeight(level) - 1) / TILE, (long) Math.floor(view.bottom() / tileSpan));
        double scale = downsample / view.downsample();
        List<RegionRequest> wanted = new ArrayList<>();
        for (long row = firstRow; row <= lastRow; row++) {
            for (long column = firstColumn; column <= lastColumn; column++) {
                RegionRequest region = tile(image, level, column, row);
                Image tile = loader.cached(region);
                if (tile == null) {
                    wanted.add(region);
                    continue;
                }
                // Half a pixel of overlap hides the seams between neighbouring tiles.
                g.drawImage(tile, Math.floor(view.toScreenX(column * tileSpan)), Math.floor(view.toScreenY(row * tileSpan)),
                        Math.ceil(tile.getWidth() * scale + 0.5), Math.ceil(tile.getHeight() * scale + 0.5));
            }
        }
        loader.want(image, wanted);
    }

    /** The viewer's tile (column, row) of a level: TILE level pixels square, cut at the level's edge. */
    private static RegionRequest tile(SlideImage image, int level, long column, long row) {
        double downsample = image.levelDownsample(level);
        long levelX = column * TILE;
        long levelY = row * TILE;
        int w = (int) Math.min(TILE, image.levelWidth(level) - levelX);
        int h = (int) Math.min(TILE, image.levelHeight(level) - levelY);
        return RegionRequest.ofLevel(image, level, Math.round(levelX * downsample), Math.round(levelY * downsample), w, h);
    }

    @Override
    public void dispose() {
        loader.close();
    }
}
