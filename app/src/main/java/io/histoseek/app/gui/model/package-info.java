/**
 * What the panels share: {@code AppModel} (observable state and requests between panels), the open
 * archive ({@code ArchiveSession}), the query, the search options and the remembered preferences.
 * May use {@code app.config}, {@code app.export}, {@code gui.viewer} (regions) and the index; must
 * not know any panel, the window or JavaFX controls.
 */
package io.histoseek.app.gui.model;
