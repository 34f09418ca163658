package io.histoseek.model;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How a tile image of any size becomes the model's {@link TileSpec#DEFAULT} square, as the
 * evaluation transform of H-optimus-0 does (timm's resolved config: input 224, bicubic, crop_pct 1.0,
 * i.e. torchvision {@code Resize(224, BICUBIC)} of the shorter side, then {@code CenterCrop(224)}).
 * Given the tiles' microns per pixel, the image is instead rescaled by its physical size to the
 * spec's microns per pixel (same bicubic filter) and the centre square cut, so a tile keeps the
 * scale the model was trained at. A tile already of the spec's size (and scale) is used as it is,
 * so it gives exactly the vector {@code embed} gives. Alpha is dropped, as PIL's {@code convert("RGB")}.
 */
public final class TileFit {
    private static final int SIDE = TileSpec.DEFAULT.pixels();

    private TileFit() {
    }

    /**
     * The {@code SIDE x SIDE} 0xAARRGGBB pixels the model sees of {@code image}. Throws
     * IllegalArgumentException when, at the given scale, the image covers less than one tile.
     */
    public static int[] pixels(BufferedImage image, OptionalDouble micronsPerPixel) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = argb(image);
        int scaledWidth;
        int scaledHeight;
        if (micronsPerPixel.isPresent()) {
            double factor = micronsPerPixel.getAsDouble() / TileSpec.DEFAULT.micronsPerPixel();
            scaledWidth = (int) Math.round(width * factor);
            scaledHeight = (int) Math.round(height * factor);
            if (scaledWidth < SIDE || scaledHeight < SIDE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%dx%d pixels at %s um/px cover %.0fx%.0f um; a tile needs %.0fx%.0f um",
                        width, height, micronsPerPixel.getAsDouble(), width * micronsPerPixel.getAsDouble(),
                        height * micronsPerPixel.getAsDouble(), SIDE * TileSpec.DEFAULT.micronsPerPixel(),
                        SIDE * TileSpec.DEFAULT.micronsPerPixel()));
            }
        } else if (width <= height) {
            // torchvision keeps the requested short side and truncates the long one.
            scaledWidth = SIDE;
            scaledHeight = (int) ((long) SIDE * height / width);
        } else {
            scaledHeight = SIDE;
            scaledWidth = (int) ((long) SIDE * width / height);
        }
        int[] scaled = scaledWidth == width && scaledHeight == height ? argb
                : BicubicResize.resize(argb, width, height, scaledWidth, scaledHeight);
        return centreSquare(scaled, scaledWidth, scaledHeight);
    }

    /**
     * The image's pixels as 0xAARRGGBB. A grey image's values are copied to R, G and B as they
     * are (PIL's {@code convert("RGB")}); {@code getRGB} would treat them as linear light and brighten them.
     */
    static int[] argb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (image.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
            return image.getRGB(0, 0, width, height, null, 0, width);
        }
        Raster raster = image.getRaster();
        int shift = raster.getSampleModel().getSampleSize(0) - 8;
        int[] grey = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        int[] argb = new int[grey.length];
        for (int i = 0; i < grey.length; i++) {
            int v = shift > 0 ? grey[i] >>> shift : grey[i];
            argb[i] = 0xFF000000 | v << 16 | v << 8 | v;
        }
        return argb;
    }

    /** torchvision's CenterCrop: offsets round((size - side) / 2), halves to even. */
    private static int[] centreSquare(int[] argb, int width, int height) {
        if (width == SIDE && height == SIDE) return argb;
        int top = (int) Math.rint((height - SIDE) / 2.0);
        int left = (int) Math.rint((width - SIDE) / 2.0);
        int[] out = new int[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            System.arraycopy(argb, (top + y) * width + left, out, y * SIDE, SIDE);
        }
        return out;
    }
}
