/**
 * The archive panel: opening archives ({@code ArchiveOpener}) and the browser of their slides with
 * thumbnails and status. Talks to the rest only through {@code gui.model.AppModel}; may use
 * {@code gui.model}, {@code gui.fx}, {@code gui.viewer.Thumbnails} and the archive store; must not
 * know the window or other panels.
 */
package io.histoseek.app.gui.archive;
