package io.histoseek.app.gui.viewer;

import io.histoseek.index.slide.SlideImage;

/** One tile of the viewer's grid on a pyramid level: {@code TILE_SIZE} level pixels square. */
public record TileKey(SlideImage source, int level, long column, long row) {
    public static final int TILE_SIZE = 256;
}
