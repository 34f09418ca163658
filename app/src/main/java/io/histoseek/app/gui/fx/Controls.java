package io.histoseek.app.gui.fx;

import javafx.scene.control.Button;

/** Small factories for the controls the windows share. */
public final class Controls {
    private Controls() {}

    /** A button with a node id (tests look it up) that runs {@code action} when pressed. */
    public static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }
}
