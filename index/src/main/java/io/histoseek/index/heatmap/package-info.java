/**
 * Similarity heat maps: the score of every stored tile of a slide against a query (one pass over
 * the slide's vectors with the rule of {@code index.search.RefinedScoring}, no k-NN), the tiles'
 * grid, hot regions, and the colour scale every picture of a heat map uses. May use
 * {@code index.search}, {@code index.tile} and the archive API; knows no UI toolkit and no file format.
 */
package io.histoseek.index.heatmap;
