package io.histoseek.model;

/**
 * Resizes RGB pixels exactly as Pillow's {@code Image.resize(size, Image.BICUBIC)} does, which is
 * what torchvision's {@code Resize(..., BICUBIC)} runs on a PIL image: a separable cubic filter
 * (a = -0.5) widened by the scale when shrinking (antialiasing), 22-bit fixed-point weights, the
 * horizontal pass first and each pass rounded and clipped to 8 bits. Alpha is dropped.
 */
final class BicubicResize {
    private static final double SUPPORT = 2.0;
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private BicubicResize() {
    }

    /** Pixels 0xAARRGGBB (row-major, {@code width} x {@code height}) resized to {@code outWidth} x {@code outHeight}, opaque. */
    static int[] resize(int[] argb, int width, int height, int outWidth, int outHeight) {
        int[] rows = argb;
        int rowsWidth = width;
        if (outWidth != width) {
            rows = horizontal(argb, width, height, outWidth);
            rowsWidth = outWidth;
        }
        int[] out = outHeight != height ? vertical(rows, rowsWidth, height, outHeight) : rows;
        if (out == argb) out = argb.clone();
        for (int i = 0; i < out.length; i++) out[i] |= 0xFF000000;
        return out;
    }

    /** Per output pixel: the first input pixel and the fixed-point weights of the pixels from there. */
    private record Coefficients(int[] first, int[] count, int[][] weights) {
    }

    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int o = 0; o < outSize; o++) {
            double centre = (o + 0.5) * scale;
            int min = Math.max((int) (centre - support + 0.5), 0);
            int max = Math.min((int) (centre + support + 0.5), inSize) - min;
            double[] k = new double[max];
            double sum = 0;
            for (int x = 0; x < max; x++) {
                k[x] = cubic((x + min - centre + 0.5) / filterScale);
                sum += k[x];
            }
            int[] fixed = new int[max];
            for (int x = 0; x < max; x++) {
                double w = sum != 0 ? k[x] / sum : k[x];
                fixed[x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
            }
            first[o] = min;
            count[o] = max;
            weights[o] = fixed;
        }
        return new Coefficients(first, count, weights);
    }

    private static double cubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    private static int[] horizontal(int[] in, int width, int height, int outWidth) {
        Coefficients c = coefficients(width, outWidth);
        int[] out = new int[outWidth * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int o = 0; o < outWidth; o++) {
                int r = 1 << (PRECISION_BITS - 1), g = r, b = r;
                int[] w = c.weights()[o];
                for (int x = 0, at = row + c.first()[o]; x < c.count()[o]; x++, at++) {
                    int p = in[at];
                    r += ((p >>> 16) & 0xFF) * w[x];
                    g += ((p >>> 8) & 0xFF) * w[x];
                    b += (p & 0xFF) * w[x];
                }
                out[y * outWidth + o] = clip(r) << 16 | clip(g) << 8 | clip(b);
            }
        }
        return out;
    }

    private static int[] vertical(int[] in, int width, int height, int outHeight) {
        Coefficients c = coefficients(height, outHeight);
        int[] out = new int[width * outHeight];
        for (int o = 0; o < outHeight; o++) {
            int[] w = c.weights()[o];
            for (int x = 0; x < width; x++) {
                int r = 1 << (PRECISION_BITS - 1), g = r, b = r;
                for (int y = 0, at = c.first()[o] * width + x; y < c.count()[o]; y++, at += width) {
                    int p = in[at];
                    r += ((p >>> 16) & 0xFF) * w[y];
                    g += ((p >>> 8) & 0xFF) * w[y];
                    b += (p & 0xFF) * w[y];
                }
                out[o * width + x] = clip(r) << 16 | clip(g) << 8 | clip(b);
            }
        }
        return out;
    }

    private static int clip(int fixed) {
        int v = fixed >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
