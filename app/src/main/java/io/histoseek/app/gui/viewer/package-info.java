/**
 * The slide viewer: {@code SlideViewer} (a canvas, its viewport, a list of {@code Overlay}s and a
 * list of {@code ViewerTool}s), the overview, and the thumbnails of slides for the screen. May use
 * {@code index.slide} and {@code gui.fx}; must not know archives, search, any panel, nor any overlay
 * or tool by name (they live in {@code .overlay} and {@code .tool} and are registered from outside).
 */
package io.histoseek.app.gui.viewer;
