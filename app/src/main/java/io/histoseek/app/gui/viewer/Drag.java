package io.histoseek.app.gui.viewer;

/**
 * A mouse drag in screen pixels: where the button went down, the previous and current pointer,
 * and whether it has moved far enough from the press to count as a drag rather than a click.
 */
public record Drag(double pressX, double pressY, double previousX, double previousY, double x, double y, boolean moved) {
    /** Pixels the pointer may wander before a press stops being a click. */
    public static final double THRESHOLD = 4;

    static Drag start(double x, double y) {
        return new Drag(x, y, x, y, x, y, false);
    }

    Drag to(double newX, double newY) {
        return new Drag(pressX, pressY, x, y, newX, newY, moved || Math.hypot(newX - pressX, newY - pressY) > THRESHOLD);
    }
}
