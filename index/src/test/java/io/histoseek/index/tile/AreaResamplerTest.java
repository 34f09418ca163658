package io.histoseek.index.tile;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AreaResamplerTest {
    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        int side = 448;
        int[] src = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = ((x + y) % 2 == 0) ? 200 : 100;   // checkerboard: every 2x2 block means 150
                src[y * side + x] = v << 16 | (x % 256) << 8 | 40;
            }
        }
        int[] out = new int[224 * 224];
        new AreaResampler(224).resample(src, side, 448, out);
        for (int y = 0; y < 224; y += 13) {
            for (int x = 0; x < 224; x += 11) {
                int p = out[y * 224 + x];
                assertEquals(0xFF, p >>> 24);
                assertEquals(150, (p >>> 16) & 0xFF);
                int expectedGreen = Math.round(((2 * x) % 256 + (2 * x + 1) % 256) / 2f);
                assertEquals(expectedGreen, (p >>> 8) & 0xFF, 1);
                assertEquals(40, p & 0xFF);
            }
        }
    }

    @Test
    void fractionalExtentKeepsFlatAreasFlatAndWeightsPartialPixels() {
        int side = AreaResampler.sourceSize(224.5);
        assertEquals(225, side);
        int[] src = new int[side * side];
        Arrays.fill(src, 0x336699);
        src[side * side - 1] = 0xFFFFFF;   // the last column/row is only half covered
        int[] out = new int[224 * 224];
        new AreaResampler(224).resample(src, side, 224.5, out);
        assertEquals(0xFF336699, out[0]);
        assertEquals(0xFF336699, out[100 * 224 + 57]);
        // The last output pixel spans 224.5/224 source pixels a side; the white one covers half of
        // that in each direction: (0.5 / 1.00223)^2 = 24.9% of its area.
        double white = Math.pow(0.5 / (224.5 / 224), 2);
        int corner = out[224 * 224 - 1];
        for (int shift : new int[] {16, 8, 0}) {
            int flat = (0x336699 >>> shift) & 0xFF;
            assertEquals(flat + (0xFF - flat) * white, (corner >>> shift) & 0xFF, 1.0,
                    "corner channel at bit " + shift + " blends the half-covered white pixel by its area");
        }
    }

    @Test
    void identityExtentCopies() {
        int[] src = new int[224 * 224];
        for (int i = 0; i < src.length; i++) {
            src[i] = (i * 2654435761L) % 0xFFFFFF > 0 ? (int) ((i * 2654435761L) % 0xFFFFFF) : 0;
        }
        int[] out = new int[224 * 224];
        new AreaResampler(224).resample(src, 224, 224, out);
        for (int i = 0; i < src.length; i++) {
            assertEquals(0xFF000000 | src[i], out[i]);
        }
    }
}
