package io.histoseek.index.slide;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Pixel conversions shared by slide and tile code. */
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
}
