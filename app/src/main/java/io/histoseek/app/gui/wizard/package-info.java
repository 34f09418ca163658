/**
 * The folder-indexing wizard (its own window): folders, a preview with tile and time estimates,
 * options, and the run with pause, cancel and resume. Tells the rest through
 * {@code gui.model.AppModel} when it stored a slide and when a run ended; may use the indexing
 * pipeline, tiling, the archive API's records (who writes an archive), {@code gui.model} and {@code gui.fx}; must not know the main window or other panels.
 */
package io.histoseek.app.gui.wizard;
