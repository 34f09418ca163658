package io.histoseek.app.export;

import java.awt.image.BufferedImage;

/** A picture of a whole slide and the slide's level-0 size, to place level-0 things on it. */
public record SlidePicture(BufferedImage image, long slideWidth, long slideHeight) {
    /** Picture pixels per level-0 pixel, across and down. */
    public double scaleX() {
        return (double) image.getWidth() / slideWidth;
    }

    public double scaleY() {
        return (double) image.getHeight() / slideHeight;
    }
}
