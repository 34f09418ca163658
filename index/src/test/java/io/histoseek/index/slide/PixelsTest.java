package io.histoseek.index.slide;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PixelsTest {
    @Test
    void shrinkingAveragesTheAreaEachOutputPixelCovers() {
        // 4x2 source: left half black, right half (0, 100, 200); shrunk to 2x1 each side keeps its colour.
        int black = 0xFF000000;
        int blue = 0xFF0064C8;
        int[] source = {black, black, blue, blue, black, black, blue, blue};
        assertArrayEquals(new int[] {black, blue}, Pixels.resize(source, 4, 2, 2, 1));
        // 3 -> 2: the middle pixel is split half and half between the two outputs.
        int[] row = {0xFF000000, 0xFF909090, 0xFFFFFFFF};
        int[] two = Pixels.resize(row, 3, 1, 2, 1);
        assertEquals(0x30, two[0] & 0xFF, "(0 + 0.5 * 0x90) / 1.5");
        assertEquals(0xDA, two[1] & 0xFF, "(0.5 * 0x90 + 0xFF) / 1.5");
    }

    @Test
    void aPlainColourStaysPlainAtAnySize() {
        int[] plain = new int[101 * 37];
        Arrays.fill(plain, 0xFF123456);
        for (int[] size : new int[][] {{100, 36}, {102, 40}, {7, 3}, {1, 1}, {55, 37}}) {
            int[] out = Pixels.resize(plain, 101, 37, size[0], size[1]);
            assertEquals(size[0] * size[1], out.length);
            assertEquals(1, Arrays.stream(out).distinct().count());
            assertEquals(0xFF123456, out[0]);
        }
    }

    @Test
    void scaleToFitShrinksTheLongerSideAndNeverEnlarges() {
        BufferedImage image = Pixels.toImage(new int[400 * 300], 400, 300);
        BufferedImage fitted = Pixels.scaleToFit(image, 100);
        assertEquals(100, fitted.getWidth());
        assertEquals(75, fitted.getHeight());
        assertSame(image, Pixels.scaleToFit(image, 500));
    }
}
