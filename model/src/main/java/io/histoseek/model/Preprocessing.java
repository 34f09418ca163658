package io.histoseek.model;

import java.awt.image.BufferedImage;

/**
 * H-optimus-0's input transform, exactly as its model card: {@link TileSpec#DEFAULT} RGB tiles, ToTensor (/255, CHW),
 * then Normalize(mean, std). Tiles arrive already composited onto white (alpha is ignored).
 */
public final class Preprocessing {
    public static final int TILE = TileSpec.DEFAULT.pixels();
    public static final int PIXELS = TileSpec.DEFAULT.pixelCount();
    public static final int TENSOR_LENGTH = TileSpec.DEFAULT.tensorLength();

    private static final float[] MEAN = {0.707223f, 0.578729f, 0.703617f};
    private static final float[] STD = {0.211883f, 0.230117f, 0.177517f};

    private Preprocessing() {}

    /** Writes the normalized CHW tensor of a tile of 0xAARRGGBB pixels into {@code out}. */
    public static void normalizeArgb(int[] argb, float[] out, int offset) {
        if (argb.length < PIXELS) {
            throw new IllegalArgumentException("a tile needs " + PIXELS + " pixels, got " + argb.length);
        }
        if (out.length - offset < TENSOR_LENGTH) {
            throw new IllegalArgumentException("output too small for one tile tensor");
        }
        for (int channel = 0; channel < 3; channel++) {
            int shift = 16 - 8 * channel;
            // Same float ops, in the same order, as torchvision: (v / 255 - mean) / std.
            float mean = MEAN[channel];
            float std = STD[channel];
            int base = offset + channel * PIXELS;
            for (int i = 0; i < PIXELS; i++) {
                float value = ((argb[i] >>> shift) & 0xFF) / 255f;
                out[base + i] = (value - mean) / std;
            }
        }
    }

    public static float[] normalizeArgb(int[] argb) {
        float[] out = new float[TENSOR_LENGTH];
        normalizeArgb(argb, out, 0);
        return out;
    }

    /** Normalizes a tile-sized image (any BufferedImage type; read as sRGB). */
    public static float[] normalize(BufferedImage image) {
        if (image.getWidth() != TILE || image.getHeight() != TILE) {
            throw new IllegalArgumentException(
                    "a tile must be " + TILE + "x" + TILE + " pixels, got " + image.getWidth() + "x" + image.getHeight());
        }
        return normalizeArgb(image.getRGB(0, 0, TILE, TILE, null, 0, TILE));
    }
}
