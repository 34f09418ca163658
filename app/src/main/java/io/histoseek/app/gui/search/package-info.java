/**
 * The search panel: settings, the runner of queries, the results gallery with its hit cards and
 * their "more / not like this" buttons, the query's example chips, and export. Talks to the rest
 * only through {@code gui.model.AppModel}; may use {@code app.export}, {@code gui.model},
 * {@code gui.fx} and {@code index.search} (examples); must not know the window or other panels.
 */
package io.histoseek.app.gui.search;
