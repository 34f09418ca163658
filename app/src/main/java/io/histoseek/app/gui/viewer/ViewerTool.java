package io.histoseek.app.gui.viewer;

import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * A way the mouse and keys act on the viewer (pan, search by click, search by box). The viewer
 * offers each gesture to its tools in list order: a drag goes to the first tool that
 * {@link #takesDrag takes} its press, a click, wheel turn or key to the first that handles it.
 * Registering one is {@code viewer.tools().add(t)}; a tool never needs the viewer class changed.
 */
public interface ViewerTool {
    /** Whether this tool wants the drag that this press starts (e.g. shift + primary button). */
    default boolean takesDrag(MouseEvent press) {
        return false;
    }

    /** The pointer moved during a drag this tool took (also below the click threshold: see {@link Drag#moved()}). */
    default void dragged(SlideViewer viewer, Drag drag) {}

    /** The button went up at the end of a drag this tool took. */
    default void released(SlideViewer viewer, Drag drag, MouseEvent release) {}

    /** A press and release of the primary button without moving; true when handled. */
    default boolean clicked(SlideViewer viewer, MouseEvent click) {
        return false;
    }

    /** True when handled. */
    default boolean scrolled(SlideViewer viewer, ScrollEvent scroll) {
        return false;
    }

    /** True when handled. */
    default boolean keyPressed(SlideViewer viewer, KeyEvent key) {
        return false;
    }
}
