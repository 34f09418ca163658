package io.histoseek.app.cli;

import io.histoseek.model.Preprocessing;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** Reads 224x224 tile images for {@code embed}, with one-line errors naming the file. */
final class TileImages {
    private TileImages() {}

    /** Checks that the file is a readable 224x224 image without decoding its pixels. */
    static void check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try (ImageInputStream stream = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage(file);
            }
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

    /** The normalized CHW tensor of a 224x224 image. */
    static float[] read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw notAnImage(file);
        }
        requireTileSize(file, image.getWidth(), image.getHeight());
        return Preprocessing.normalize(image);
    }

    private static void requireTileSize(Path file, int width, int height) {
        if (width != Preprocessing.TILE || height != Preprocessing.TILE) {
            throw new IllegalArgumentException(file + ": image is " + width + "x" + height + " pixels; tiles must be "
                    + Preprocessing.TILE + "x" + Preprocessing.TILE);
        }
    }

    private static IllegalArgumentException notAnImage(Path file) {
        return new IllegalArgumentException(file + ": not an image this build can read (PNG, JPEG, BMP, GIF, TIFF)");
    }
}
