/**
 * Similarity heat maps in the window: computing the query's map of the slide on screen, and the
 * legend, threshold and "next hot region" controls over the viewer. May use {@code gui.viewer}
 * (and its overlays), {@code gui.model}, {@code gui.fx}, {@code index.heatmap} and
 * {@code index.slide}; must not know the window or another panel.
 */
package io.histoseek.app.gui.heatmap;
