package io.histoseek.index.tile;

/**
 * A low-resolution tissue/background map of a slide. Mask pixel (i, j) covers level-0 pixels
 * [i * scaleX, (i + 1) * scaleX) x [j * scaleY, (j + 1) * scaleY). Immutable.
 */
public final class TissueMask {
    private final int width;
    private final int height;
    private final double scaleX;
    private final double scaleY;
    private final boolean[] tissue;
    /** Summed-area table, (width + 1) x (height + 1), for O(1) rectangle counts. */
    private final int[] integral;

    TissueMask(int width, int height, double scaleX, double scaleY, boolean[] tissue) {
        this.width = width;
        this.height = height;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.tissue = tissue.clone();
        this.integral = new int[(width + 1) * (height + 1)];
        for (int y = 0; y < height; y++) {
            int rowSum = 0;
            for (int x = 0; x < width; x++) {
                rowSum += tissue[y * width + x] ? 1 : 0;
                integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + rowSum;
            }
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Level-0 pixels per mask pixel, horizontally. */
    public double scaleX() {
        return scaleX;
    }

    public double scaleY() {
        return scaleY;
    }

    public boolean isTissue(int x, int y) {
        return tissue[y * width + x];
    }

    /** Fraction of mask pixels that are tissue. */
    public double tissueFraction() {
        return count(0, 0, width, height) / (double) (width * height);
    }

    /**
     * Fraction of the level-0 square (x0, y0, size) that is tissue: the mask pixels whose centres
     * fall inside it (the nearest mask pixel when the square is smaller than one).
     */
    public float fraction(long x0, long y0, double size) {
        int mx0 = firstCentreAtOrAfter(x0, scaleX);
        int mx1 = firstCentreAtOrAfter(x0 + size, scaleX);
        int my0 = firstCentreAtOrAfter(y0, scaleY);
        int my1 = firstCentreAtOrAfter(y0 + size, scaleY);
        mx0 = clamp(mx0, width);
        mx1 = clamp(mx1, width);
        my0 = clamp(my0, height);
        my1 = clamp(my1, height);
        if (mx1 <= mx0 || my1 <= my0) {
            int cx = clamp((int) ((x0 + size / 2) / scaleX), width - 1);
            int cy = clamp((int) ((y0 + size / 2) / scaleY), height - 1);
            return isTissue(cx, cy) ? 1f : 0f;
        }
        return count(mx0, my0, mx1, my1) / (float) ((mx1 - mx0) * (my1 - my0));
    }

    private static int firstCentreAtOrAfter(double level0, double scale) {
        return (int) Math.ceil(level0 / scale - 0.5);
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }

    private int count(int x0, int y0, int x1, int y1) {
        int stride = width + 1;
        return integral[y1 * stride + x1] - integral[y0 * stride + x1] - integral[y1 * stride + x0]
                + integral[y0 * stride + x0];
    }
}
