package io.histoseek.app.export;

import java.awt.image.BufferedImage;
import java.util.Optional;

/** Renders the pixels of a gallery tile; empty when its slide is missing or unreadable. */
public interface TileRenderer {
    Optional<BufferedImage> render(GalleryTile tile, int maxSide);
}
