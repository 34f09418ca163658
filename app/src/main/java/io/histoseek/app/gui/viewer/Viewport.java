package io.histoseek.app.gui.viewer;

/**
 * Where the viewer looks: the level-0 point at the centre of the screen and the zoom as level-0
 * pixels per screen pixel. Immutable; every change makes a new one.
 */
public record Viewport(double centreX, double centreY, double downsample, double screenWidth, double screenHeight) {
    public static final double MIN_DOWNSAMPLE = 0.25;

    public double toImageX(double screenX) {
        return centreX + (screenX - screenWidth / 2) * downsample;
    }

    public double toImageY(double screenY) {
        return centreY + (screenY - screenHeight / 2) * downsample;
    }

    public double toScreenX(double imageX) {
        return (imageX - centreX) / downsample + screenWidth / 2;
    }

    public double toScreenY(double imageY) {
        return (imageY - centreY) / downsample + screenHeight / 2;
    }

    public double left() {
        return toImageX(0);
    }

    public double top() {
        return toImageY(0);
    }

    public double right() {
        return toImageX(screenWidth);
    }

    public double bottom() {
        return toImageY(screenHeight);
    }

    /** The whole image centred, as large as the screen allows. */
    public static Viewport fit(double imageWidth, double imageHeight, double screenWidth, double screenHeight) {
        double downsample = Math.max(imageWidth / Math.max(1, screenWidth), imageHeight / Math.max(1, screenHeight));
        return new Viewport(imageWidth / 2, imageHeight / 2, Math.max(MIN_DOWNSAMPLE, downsample * 1.02),
                screenWidth, screenHeight);
    }

    /** Zooms by {@code factor} (&gt;1 zooms in) keeping the image point under (screenX, screenY) in place. */
    public Viewport zoomAround(double screenX, double screenY, double factor, double maxDownsample) {
        double newDownsample = Math.clamp(downsample / factor, MIN_DOWNSAMPLE, Math.max(MIN_DOWNSAMPLE, maxDownsample));
        double imageX = toImageX(screenX);
        double imageY = toImageY(screenY);
        double newCentreX = imageX - (screenX - screenWidth / 2) * newDownsample;
        double newCentreY = imageY - (screenY - screenHeight / 2) * newDownsample;
        return new Viewport(newCentreX, newCentreY, newDownsample, screenWidth, screenHeight);
    }

    /** Moves the image by a screen-pixel offset (dragging right moves the view left). */
    public Viewport panByScreen(double dx, double dy) {
        return new Viewport(centreX - dx * downsample, centreY - dy * downsample, downsample, screenWidth, screenHeight);
    }

    public Viewport centredOn(double imageX, double imageY) {
        return new Viewport(imageX, imageY, downsample, screenWidth, screenHeight);
    }

    /** Centred on {@code region}, zoomed so it fills about a third of the screen's shorter side (a point keeps the zoom). */
    public Viewport framing(ImageRegion region) {
        double size = Math.max(region.width(), region.height());
        double newDownsample = size > 0
                ? Math.max(MIN_DOWNSAMPLE, size * 3 / Math.max(1, Math.min(screenWidth, screenHeight))) : downsample;
        return new Viewport(region.centreX(), region.centreY(), newDownsample, screenWidth, screenHeight);
    }

    public Viewport resized(double width, double height) {
        return new Viewport(centreX, centreY, downsample, width, height);
    }

    /** Keeps the centre on the image, so the user cannot lose the slide off screen. */
    public Viewport clampedTo(double imageWidth, double imageHeight) {
        return new Viewport(Math.clamp(centreX, 0, imageWidth), Math.clamp(centreY, 0, imageHeight), downsample,
                screenWidth, screenHeight);
    }
}
