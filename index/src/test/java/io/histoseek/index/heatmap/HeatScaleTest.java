package io.histoseek.index.heatmap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatScaleTest {
    @Test
    void viridisFromPurpleToYellowWithRisingLightness() {
        assertEquals(0xff440154, HeatScale.argb(0));
        assertEquals(0xfffde725, HeatScale.argb(1));
        assertEquals(0xff440154, HeatScale.argb(-3));
        double previous = -1;
        for (int i = 0; i <= 100; i++) {
            double luma = luma(HeatScale.argb(i / 100.0));
            assertTrue(luma > previous, "lightness must rise along the map, at " + i + "%");
            previous = luma;
        }
    }

    @Test
    void cellsAreTransparentBelowTheThresholdAndWhereNoTileIs() {
        HeatMap map = HeatMap.of(List.of(new HeatTile(0, 0, 10, 0.2f), new HeatTile(20, 0, 10, 0.9f),
                new HeatTile(0, 10, 10, 0.5f)));
        int[] cells = HeatScale.cells(map, 0.5);
        assertEquals(3 * 2, cells.length);
        assertEquals(0, cells[0]);                                // 0.2: below
        assertEquals(0, cells[1]);                                // no tile
        assertEquals(0xfffde725, cells[2]);                       // the highest: yellow
        assertEquals(HeatScale.argb(3 / 7.0), cells[3]);          // 0.5 on a span of 0.2..0.9
        assertEquals(1.0, HeatScale.position(HeatMap.of(List.of(new HeatTile(0, 0, 10, 0.4f))), 0.4));
    }

    private static double luma(int argb) {
        return 0.2126 * (argb >> 16 & 255) + 0.7152 * (argb >> 8 & 255) + 0.0722 * (argb & 255);
    }
}
