package io.histoseek.index.tile;

/**
 * Resamples the top-left {@code extent} x {@code extent} source pixels (extent may be fractional)
 * of a square RGB image to an {@code out} x {@code out} one by area averaging: each output pixel
 * is the mean of the source area it covers, partial source pixels weighted by their overlap.
 * Separable (rows, then columns). Not thread-safe: holds scratch buffers for reuse.
 */
public final class AreaResampler {
    private final int out;
    private double extent = Double.NaN;
    private int[] firstTap = new int[0];
    private int taps;
    private float[] weights = new float[0];
    private float[] red = new float[0];
    private float[] green = new float[0];
    private float[] blue = new float[0];

    public AreaResampler(int out) {
        this.out = out;
    }

    /** Source pixels needed per side for this extent. */
    public static int sourceSize(double extent) {
        return (int) Math.ceil(extent - 1e-9);
    }

    /**
     * @param src    0xRRGGBB pixels (alpha ignored), row stride {@code stride}
     * @param dst    receives out x out opaque 0xFFRRGGBB pixels
     */
    public void resample(int[] src, int stride, double extent, int[] dst) {
        prepare(extent);
        int rowsIn = sourceSize(extent);
        int cells = rowsIn * out;
        if (red.length < cells) {
            red = new float[cells];
            green = new float[cells];
            blue = new float[cells];
        }
        for (int row = 0; row < rowsIn; row++) {
            int base = row * stride;
            int cell = row * out;
            for (int j = 0; j < out; j++, cell++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int first = firstTap[j];
                int w = j * taps;
                for (int t = 0; t < taps; t++) {
                    float weight = weights[w + t];
                    int p = src[base + first + t];
                    r += weight * ((p >>> 16) & 0xFF);
                    g += weight * ((p >>> 8) & 0xFF);
                    b += weight * (p & 0xFF);
                }
                red[cell] = r;
                green[cell] = g;
                blue[cell] = b;
            }
        }
        for (int i = 0; i < out; i++) {
            int first = firstTap[i];
            int w = i * taps;
            for (int j = 0; j < out; j++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int t = 0; t < taps; t++) {
                    float weight = weights[w + t];
                    int cell = (first + t) * out + j;
                    r += weight * red[cell];
                    g += weight * green[cell];
                    b += weight * blue[cell];
                }
                dst[i * out + j] = 0xFF000000 | channel(r) << 16 | channel(g) << 8 | channel(b);
            }
        }
    }

    private static int channel(float value) {
        return Math.max(0, Math.min(255, (int) (value + 0.5f)));
    }

    /** Per output index: the first source pixel it overlaps and the overlap weights (sum 1). */
    private void prepare(double newExtent) {
        if (newExtent == extent) {
            return;
        }
        extent = newExtent;
        int last = sourceSize(extent) - 1;
        double step = extent / out;
        // Taps per output pixel: the most source pixels any output interval touches (2 for an
        // exact halving, 3 for 2.004), so no multiply is spent on a zero weight.
        taps = 1;
        for (int j = 0; j < out; j++) {
            int first = (int) Math.floor(j * step);
            int end = Math.min((int) Math.ceil((j + 1) * step - 1e-9) - 1, last);
            taps = Math.max(taps, end - first + 1);
        }
        firstTap = new int[out];
        weights = new float[out * taps];
        for (int j = 0; j < out; j++) {
            double from = j * step;
            double to = (j + 1) * step;
            int first = Math.min((int) Math.floor(from), Math.max(0, last - taps + 1));
            firstTap[j] = first;
            for (int t = 0; t < taps; t++) {
                int k = first + t;
                double overlap = Math.max(0, Math.min(to, k + 1) - Math.max(from, k));
                weights[j * taps + t] = (float) (overlap / step);
            }
        }
    }
}
