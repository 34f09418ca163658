package io.histoseek.index.search;

import java.nio.file.Path;

/**
 * One example of a query by examples: a level-0 point (width and height 0: the tile containing it)
 * or rectangle (the mean of its tiles) of a slide, that results should resemble ({@code positive})
 * or not. A result tile given back as an example is the point at its corner.
 */
public record Example(Path slide, long x, long y, long width, long height, boolean positive) {
    public Example {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException(slide + ": example at (" + x + ", " + y + ") lies outside the slide");
        }
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException(slide + ": example size " + width + "x" + height
                    + " is neither a point (0x0) nor a rectangle (both sides positive)");
        }
    }

    public static Example point(Path slide, long x, long y, boolean positive) {
        return new Example(slide, x, y, 0, 0, positive);
    }

    public boolean isPoint() {
        return width == 0;
    }

    /** The same place with the other polarity. */
    public Example negated() {
        return new Example(slide, x, y, width, height, !positive);
    }
}
