/**
 * The desktop app: {@code HistoseekApp}, the {@code MainWindow} that composes the panels, and the
 * {@code SlidePanel} that sets the viewer up (its overlays and tools) and keeps the back/forward
 * history. May use every {@code gui.*} package; nothing below may use it.
 */
package io.histoseek.app.gui;
