package io.histoseek.index.slide;

/**
 * A region of a {@link SlideImage} at a downsample: the level-0 rectangle (x, y, width, height)
 * of image {@code imageId}, to come back as {@link #outputWidth()} x {@link #outputHeight()}
 * pixels. Two equal requests ask for the same pixels, so it is also the key of every cache of
 * read pixels.
 */
public record RegionRequest(String imageId, double downsample, long x, long y, int width, int height) {
    public RegionRequest {
        if (imageId == null) {
            throw new IllegalArgumentException("a region request names its image");
        }
        if (!(downsample > 0) || Double.isInfinite(downsample)) {
            throw new IllegalArgumentException("downsample must be positive, got " + downsample);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region " + width + "x" + height + " is empty");
        }
    }

    /**
     * The region of {@code level} whose top-left corner is level-0 (x, y), {@code levelWidth} x
     * {@code levelHeight} pixels of that level. Its output is exactly that many pixels: a level's
     * downsample is at least 1, so rounding to level-0 pixels and back lands on the same count.
     */
    public static RegionRequest ofLevel(SlideImage image, int level, long x, long y, int levelWidth, int levelHeight) {
        double downsample = image.levelDownsample(level);
        return new RegionRequest(image.id(), downsample, x, y, levelZero(levelWidth, downsample),
                levelZero(levelHeight, downsample));
    }

    /** The whole image at the downsample that makes its longer side {@code maxSide} pixels (never above level 0). */
    public static RegionRequest wholeImage(SlideImage image, int maxSide) {
        return fitted(image, 0, 0, Math.toIntExact(image.width()), Math.toIntExact(image.height()), maxSide);
    }

    /** The level-0 rectangle scaled so its longer side is {@code maxSide} pixels (never above level 0). */
    public static RegionRequest fitted(SlideImage image, long x, long y, int width, int height, int maxSide) {
        double downsample = Math.max(1, Math.max(width, height) / (double) maxSide);
        return new RegionRequest(image.id(), downsample, x, y, width, height);
    }

    private static int levelZero(int levelPixels, double downsample) {
        return Math.toIntExact(Math.round(levelPixels * downsample));
    }

    public int outputWidth() {
        return output(width);
    }

    public int outputHeight() {
        return output(height);
    }

    private int output(int levelZeroPixels) {
        return (int) Math.max(1, Math.round(levelZeroPixels / downsample));
    }

    /** Bytes of the decoded pixels (4 per pixel), what caches count. */
    public long outputBytes() {
        return 4L * outputWidth() * outputHeight();
    }
}
