package io.histoseek.app.gui.viewer;

import javafx.scene.paint.Color;

/** A rectangle drawn over the slide: the queried area, or the hit the user opened. */
public record Outline(ImageRegion region, Color color, String label) {
    public static final Color QUERY = Color.web("#00b4ff");
    public static final Color HIT = Color.web("#29d13a");
}
