/**
 * Small JavaFX helpers every panel shares: buttons with ids, a panel's background worker, slide
 * pictures as JavaFX images. Uses JavaFX, the JDK and {@code model.support} (threads, one-line
 * failures) only; must not know slides, archives, search or any panel.
 */
package io.histoseek.app.gui.fx;
