package io.histoseek.index.tile;

/**
 * One tile: the level-0 square (x, y, size, size) of its slide, read and resampled to 224x224
 * at 0.5 um/px, and the fraction of it the tissue mask calls tissue.
 */
public record TilePosition(long x, long y, int size, float tissueFraction) {
    public TilePosition {
        if (x < 0 || y < 0 || size <= 0) {
            throw new IllegalArgumentException("bad tile (" + x + ", " + y + ") size " + size);
        }
    }
}
