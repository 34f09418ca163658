/**
 * Similarity heat maps in the window: the legend, threshold and "next hot region" controls over
 * the viewer. May use {@code gui.viewer} (and its overlays), {@code gui.model}, {@code gui.fx} and
 * {@code index.heatmap}; must not know the window or another panel.
 */
package io.histoseek.app.gui.heatmap;
