package io.histoseek.index.archive;

/** A stored tile: a level-0 square of a slide (without its vector). */
public record TileRecord(long id, long slideId, long x, long y, int size, float tissueFraction) {
}
