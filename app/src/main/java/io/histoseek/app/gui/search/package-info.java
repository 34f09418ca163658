/**
 * The search panel: settings, the runner of queries, the results gallery with its hit cards, and
 * export. Talks to the rest only through {@code gui.model.AppModel}; may use {@code app.export},
 * {@code gui.model} and {@code gui.fx}; must not know the window or other panels.
 */
package io.histoseek.app.gui.search;
