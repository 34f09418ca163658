/**
 * Small JavaFX helpers every panel shares: buttons with ids, named daemon threads, one-line
 * failure messages, slide pictures as JavaFX images. Uses JavaFX and the JDK only; must not
 * know slides, archives, search or any panel.
 */
package io.histoseek.app.gui.fx;
