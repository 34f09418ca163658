package io.histoseek.app.export;

import io.histoseek.app.pyramid.OpenSlideSource;
import io.histoseek.app.pyramid.SlideSources;

import java.awt.image.BufferedImage;
import java.util.Optional;

/** Renders gallery tiles from the slide files: the pyramid level just finer than needed, scaled down. */
public final class SlideTileRenderer implements TileRenderer {
    private final SlideSources slides;

    public SlideTileRenderer(SlideSources slides) {
        this.slides = slides;
    }

    @Override
    public Optional<BufferedImage> render(GalleryTile tile, int maxSide) {
        if (tile.width() <= 0 || tile.height() <= 0) {
            return Optional.empty();
        }
        return slides.read(tile.slide(), slide -> {
            int level = slide.levelFor((double) Math.max(tile.width(), tile.height()) / maxSide);
            double downsample = slide.downsample(level);
            int w = (int) Math.max(1, Math.round(tile.width() / downsample));
            int h = (int) Math.max(1, Math.round(tile.height() / downsample));
            return OpenSlideSource.scaleToFit(slide.readRegion(tile.x(), tile.y(), level, w, h), maxSide);
        });
    }
}
