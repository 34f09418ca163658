/**
 * The viewer's gestures: panning and zooming, search by click, search by shift-dragged box. Each
 * is a {@code ViewerTool} registered from outside and reports what the user asked for through a
 * callback. May use {@code gui.viewer} and {@code gui.viewer.overlay}; must not know the archive,
 * search or any panel.
 */
package io.histoseek.app.gui.viewer.tool;
