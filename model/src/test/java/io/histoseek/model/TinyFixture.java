package io.histoseek.model;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/** The tiny model's tiles and PyTorch's reference embeddings for them. */
public final class TinyFixture {
    public static final int TILES = 4;

    private TinyFixture() {}

    public static float[][] tiles() throws IOException {
        float[][] tiles = new float[TILES][];
        for (int i = 0; i < TILES; i++) {
            BufferedImage image = ImageIO.read(SharedFixtures.model("tile-" + i + ".png").toFile());
            tiles[i] = Preprocessing.normalize(image);
        }
        return tiles;
    }

    public static float[][] expected() throws IOException {
        List<String> lines = Files.readAllLines(SharedFixtures.model("tiny-hoptimus.expected.txt"));
        return lines.stream().filter(line -> !line.isBlank()).map(line -> {
            String[] values = line.trim().split(" ");
            float[] vector = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                vector[i] = Float.parseFloat(values[i]);
            }
            return vector;
        }).toArray(float[][]::new);
    }

    public static float maxAbsDiff(float[][] expected, float[][] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("expected " + expected.length + " vectors, got " + actual.length);
        }
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, maxAbsDiff(expected[i], actual[i]));
        }
        return max;
    }

    public static float maxAbsDiff(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + ", expected " + expected.length + ": " + Arrays.toString(actual));
        }
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            float diff = Math.abs(expected[i] - actual[i]);
            if (Float.isNaN(diff)) {
                return Float.POSITIVE_INFINITY;
            }
            max = Math.max(max, diff);
        }
        return max;
    }
}
