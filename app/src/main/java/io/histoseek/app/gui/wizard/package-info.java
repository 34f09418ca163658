/**
 * The folder-indexing wizard (its own window): folders, the archive (a folder or a SolrCloud
 * address, checked through {@code Archives.check} before going on), a preview with tile and time
 * estimates, options, and the run with pause, cancel and resume. Tells the rest through
 * {@code gui.model.AppModel} when it stored a slide and when a run ended; may use the indexing
 * pipeline, tiling, the archive API (addresses, the check, who writes an archive), {@code gui.model}
 * and {@code gui.fx}; must not know the main window, other panels or any archive implementation.
 */
package io.histoseek.app.gui.wizard;
