/**
 * Cases in the app: the vote of the labeled hits as a small bar chart with its abstain state, slide
 * labels on the archive browser and result cards, the filter by label, "find similar slides". Reads
 * its numbers from {@code index.cases} (the same as the command line); talks to the rest only
 * through {@code gui.model.AppModel}; may use {@code gui.fx}; must not know the window or other panels.
 */
package io.histoseek.app.gui.cases;
