/**
 * The viewer's layers: the slide's pixels ({@code SlideLayer} with its tile loader), the tissue
 * tile grid, a similarity heat map, outlines (query, opened hit, dragged box), the scale bar; each
 * paints itself for a viewport and is registered from outside. May use {@code gui.viewer},
 * {@code gui.fx}, {@code index.slide}, {@code index.tile} and {@code index.heatmap} (a map's data
 * and colours); must not know the archive, search or any panel.
 */
package io.histoseek.app.gui.viewer.overlay;
