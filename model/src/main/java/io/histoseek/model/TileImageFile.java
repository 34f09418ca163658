package io.histoseek.model;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalDouble;

/**
 * Reads tile image files (PNG, JPEG, TIFF, BMP, GIF) into the model's normalized input, with
 * one-line errors naming the file. {@code embed} and the tile-folder evaluation both read here, so
 * the same tile gives the same vector in both.
 */
public final class TileImageFile {
    private static final int SIDE = TileSpec.DEFAULT.pixels();

    private TileImageFile() {
    }

    /** Checks that the file is a readable image of exactly the tile size, without decoding its pixels. */
    public static void checkTileSized(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) throw notAnImage(file);
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream);
                requireTileSize(file, reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the image (" + e.getMessage() + ")", e);
        }
    }

    /** The normalized CHW tensor of a tile-sized image. */
    public static float[] readTileSized(Path file) {
        BufferedImage image = decode(file);
        requireTileSize(file, image.getWidth(), image.getHeight());
        return Preprocessing.normalizeArgb(TileFit.pixels(image, OptionalDouble.empty()));
    }

    /** The normalized CHW tensor of an image of any size, fitted to the tile by {@link TileFit}. */
    public static float[] readFitted(Path file, OptionalDouble micronsPerPixel) {
        BufferedImage image = decode(file);
        try {
            return Preprocessing.normalizeArgb(TileFit.pixels(image, micronsPerPixel));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage decode(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot read the image (" + e.getMessage() + ")", e);
        }
        if (image == null) throw notAnImage(file);
        return image;
    }

    private static void requireTileSize(Path file, int width, int height) {
        if (width != SIDE || height != SIDE) {
            throw new IllegalArgumentException(file + ": image is " + width + "x" + height + " pixels; tiles must be "
                    + SIDE + "x" + SIDE);
        }
    }

    private static IllegalArgumentException notAnImage(Path file) {
        return new IllegalArgumentException(file + ": not an image this build can read (PNG, JPEG, BMP, GIF, TIFF)");
    }
}
