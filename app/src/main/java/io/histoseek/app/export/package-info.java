/**
 * A search result as a gallery: the result's shape, rendering its tiles from the slides (through
 * {@code index.slide.SlideImage}), and the writers of an exported folder (HTML, CSV, PNG, GeoJSON);
 * used by the app and the command line. May use the index; must not use {@code app.gui} or JavaFX.
 */
package io.histoseek.app.export;
