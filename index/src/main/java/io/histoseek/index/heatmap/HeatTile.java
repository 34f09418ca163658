package io.histoseek.index.heatmap;

/** A stored tile of a heat map: its level-0 square and its similarity to the query. */
public record HeatTile(long x, long y, int size, float similarity) {
}
