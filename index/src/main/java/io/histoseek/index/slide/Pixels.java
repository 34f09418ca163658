package io.histoseek.index.slide;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/** Pixel conversions and resampling shared by slide and tile code. */
public final class Pixels {
    private Pixels() {}

    /**
     * Turns OpenSlide's premultiplied ARGB into opaque 0xFFRRGGBB over white, in place:
     * c' = c + (255 - a) per channel, exact for premultiplied input.
     */
    public static void compositeOntoWhite(int[] argb, int length) {
        for (int i = 0; i < length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            if (a != 255) {
                int fill = 255 - a;
                int r = Math.min(255, ((p >>> 16) & 0xFF) + fill);
                int g = Math.min(255, ((p >>> 8) & 0xFF) + fill);
                int b = Math.min(255, (p & 0xFF) + fill);
                argb[i] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
    }

    /** Copies opaque 0xFFRRGGBB pixels into a new TYPE_INT_RGB image. */
    public static BufferedImage toImage(int[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(rgb, 0, target, 0, width * height);
        return image;
    }

    /** Scales an image down (never up) so its longer side is at most {@code maxSide}. */
    public static BufferedImage scaleToFit(BufferedImage image, int maxSide) {
        double scale = (double) maxSide / Math.max(image.getWidth(), image.getHeight());
        if (scale >= 1.0) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        return toImage(resize(rgb(image), image.getWidth(), image.getHeight(), w, h), w, h);
    }

    /**
     * Resizes opaque 0xFFRRGGBB pixels from sw x sh to w x h by area averaging: each output pixel
     * is the mean of the source area it covers (fractional pixels weighted), so shrinking by any
     * factor neither aliases nor blurs more than it must. Row by row: memory is the output only.
     */
    public static int[] resize(int[] source, int sw, int sh, int w, int h) {
        if (sw == w && sh == h) {
            return source.clone();
        }
        Taps columns = Taps.of(sw, w);
        Taps rows = Taps.of(sh, h);
        int[] out = new int[Math.multiplyExact(w, h)];
        float[] sum = new float[w * 3];
        float[] row = new float[w * 3];
        for (int y = 0; y < h; y++) {
            Arrays.fill(sum, 0);
            for (int k = 0; k < rows.weights[y].length; k++) {
                columns.apply(source, (rows.first[y] + k) * sw, row);
                float weight = rows.weights[y][k];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += weight * row[i];
                }
            }
            for (int x = 0; x < w; x++) {
                out[y * w + x] = 0xFF000000 | channel(sum[x * 3]) << 16 | channel(sum[x * 3 + 1]) << 8 | channel(sum[x * 3 + 2]);
            }
        }
        return out;
    }

    private static int channel(float value) {
        return Math.clamp(Math.round(value), 0, 255);
    }

    /** The pixels of an image as 0xFFRRGGBB, without a per-pixel copy for our own TYPE_INT_RGB images. */
    private static int[] rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer() instanceof DataBufferInt data
                && data.getData().length == image.getWidth() * image.getHeight()) {
            return data.getData();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Per output pixel of one axis: the first source pixel it covers and the weights of those it covers. */
    private record Taps(int[] first, float[][] weights) {
        static Taps of(int from, int to) {
            double scale = (double) from / to;
            int[] first = new int[to];
            float[][] weights = new float[to][];
            for (int i = 0; i < to; i++) {
                double start = i * scale;
                double end = Math.min(from, (i + 1) * scale);
                first[i] = Math.min(from - 1, (int) Math.floor(start));
                int last = Math.max(first[i] + 1, Math.min(from, (int) Math.ceil(end)));
                weights[i] = new float[last - first[i]];
                for (int j = first[i]; j < last; j++) {
                    double covered = Math.min(end, j + 1) - Math.max(start, j);
                    weights[i][j - first[i]] = (float) (end > start ? covered / (end - start) : 1);
                }
            }
            return new Taps(first, weights);
        }

        /** Resamples the source row starting at {@code offset} into r, g, b floats. */
        void apply(int[] source, int offset, float[] out) {
            for (int x = 0; x < first.length; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = 0; k < weights[x].length; k++) {
                    int p = source[offset + first[x] + k];
                    float weight = weights[x][k];
                    r += weight * ((p >>> 16) & 0xFF);
                    g += weight * ((p >>> 8) & 0xFF);
                    b += weight * (p & 0xFF);
                }
                out[x * 3] = r;
                out[x * 3 + 1] = g;
                out[x * 3 + 2] = b;
            }
        }
    }
}
