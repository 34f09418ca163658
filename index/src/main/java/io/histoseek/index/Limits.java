package io.histoseek.index;

/**
 * The bounds of work done while a user waits, in one place. A rectangle query on a slide (or a
 * region) the archive does not hold embeds its tiles on the fly: without a bound, a large box
 * would read and embed thousands of tiles (minutes of CPU, gigabytes of tensors).
 */
public final class Limits {
    /**
     * Most tiles one on-the-fly query embeds; a region with more is sampled evenly down to this
     * many, which stand for its tissue (the query is the mean direction of their vectors). 64 take
     * seconds on a GPU, minutes on a CPU at H-optimus-0's size.
     */
    public static final int QUERY_TILES = 64;

    /**
     * Longest side of an on-the-fly query rectangle, in micrometres: 10 mm, i.e. 20,000 level-0
     * pixels at 0.5 um/px, a whole biopsy. Larger boxes are refused: they are slides, not regions.
     */
    public static final double QUERY_BOX_MICRONS = 10_000;

    private Limits() {}

    /** {@link #QUERY_BOX_MICRONS} in level-0 pixels of a slide at {@code micronsPerPixel}. */
    public static long queryBoxPixels(double micronsPerPixel) {
        if (!(micronsPerPixel > 0)) {
            throw new IllegalArgumentException("microns per pixel must be positive, got " + micronsPerPixel);
        }
        return (long) Math.floor(QUERY_BOX_MICRONS / micronsPerPixel);
    }
}
