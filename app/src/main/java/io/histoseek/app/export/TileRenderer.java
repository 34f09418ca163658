package io.histoseek.app.export;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;

/** Renders the pixels of a gallery tile, or a whole slide; empty when its slide is missing or unreadable. */
public interface TileRenderer {
    Optional<BufferedImage> render(GalleryTile tile, int maxSide);

    /**
     * The square one model tile covers (at the slide's scale; {@link io.histoseek.model.TileSpec}
     * pixels when the scale is unknown) centred on a level-0 point: the picture of a point example.
     */
    Optional<BufferedImage> renderAround(Path slide, long x, long y, int maxSide);

    /** The slide's thumbnail, at most {@code maxSide} pixels on its longer side. */
    Optional<SlidePicture> thumbnail(Path slide, int maxSide);
}
