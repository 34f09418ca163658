/**
 * The viewer's layers: the slide's pixels ({@code SlideLayer} with its tile loader), the tissue
 * tile grid, outlines (query, opened hit, dragged box), the scale bar; each paints itself for a
 * viewport and is registered from outside. May use {@code gui.viewer}, {@code gui.fx},
 * {@code index.slide} and {@code index.tile}; must not know the archive, search or any panel.
 */
package io.histoseek.app.gui.viewer.overlay;
