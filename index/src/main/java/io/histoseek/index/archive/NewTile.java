package io.histoseek.index.archive;

/** A tile to store: its level-0 square (x, y, size) on the slide, tissue fraction and embedding. */
public record NewTile(long x, long y, int size, float tissueFraction, float[] vector) {
}
