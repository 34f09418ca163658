package io.histoseek.app.export;

import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.SlideImagePool;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Renders gallery tiles from the slide files: the tile's level-0 square scaled so its longer
 * side is the size asked for (never enlarged), kept in a byte-bounded cache by region.
 */
public final class SlideTileRenderer implements TileRenderer {
    private final SlideImagePool slides;
    private final RegionCache<BufferedImage> rendered;

    /** {@code rendered}: the pictures kept for the next render of the same tile at the same size. */
    public SlideTileRenderer(SlideImagePool slides, RegionCache<BufferedImage> rendered) {
        this.slides = slides;
        this.rendered = rendered;
    }

    /** Keeps nothing: each tile is rendered once (an export). */
    public SlideTileRenderer(SlideImagePool slides) {
        this(slides, new RegionCache<>(0, SlideTileRenderer::bytes));
    }

    /** Bytes of a rendered picture's pixels, what the cache counts. */
    public static long bytes(BufferedImage image) {
        return 4L * image.getWidth() * image.getHeight();
    }

    @Override
    public Optional<BufferedImage> render(GalleryTile tile, int maxSide) {
        if (tile.width() <= 0 || tile.height() <= 0) {
            return Optional.empty();
        }
        return slides.read(tile.slide(), slide -> {
            RegionRequest region = RegionRequest.fitted(slide, tile.x(), tile.y(), Math.toIntExact(tile.width()),
                    Math.toIntExact(tile.height()), maxSide);
            BufferedImage picture = rendered.get(region);
            if (picture == null) {
                picture = slide.read(region);
                rendered.put(region, picture);
            }
            return picture;
        });
    }
}
