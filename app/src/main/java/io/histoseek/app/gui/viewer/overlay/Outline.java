package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.gui.viewer.ImageRegion;
import javafx.scene.paint.Color;

/** A rectangle drawn over the slide with an optional label: the queried area, or a hit the user opened. */
public record Outline(ImageRegion region, Color color, String label) {
    public static final Color QUERY = Color.web("#00b4ff");
    public static final Color HIT = Color.web("#29d13a");
    public static final Color SELECTION = Color.YELLOW;
}
