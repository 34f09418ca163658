package io.histoseek.index.heatmap;

import java.util.List;

/**
 * Tiles at or above a threshold that touch each other (sides or corners): a place worth a look.
 * {@code peak} is its hottest tile; the box spans all its tiles in level-0 pixels.
 */
public record HotRegion(HeatTile peak, List<HeatTile> tiles, long x, long y, long width, long height) {
    public HotRegion {
        tiles = List.copyOf(tiles);
    }
}
