package io.histoseek.app.gui.viewer;

/** A rectangle in level-0 pixels; a point query is a region of width and height 0. */
public record ImageRegion(long x, long y, long width, long height) {
    public static ImageRegion point(long x, long y) {
        return new ImageRegion(x, y, 0, 0);
    }

    public boolean isPoint() {
        return width == 0 && height == 0;
    }

    public double centreX() {
        return x + width / 2.0;
    }

    public double centreY() {
        return y + height / 2.0;
    }
}
