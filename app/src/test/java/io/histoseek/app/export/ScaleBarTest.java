package io.histoseek.app.export;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScaleBarTest {
    @Test
    void picksARoundLengthNoLongerThanTheTarget() {
        ScaleBar bar = ScaleBar.forScreen(0.5, 120);
        assertEquals("50 \u00b5m", bar.label());
        assertEquals(100, bar.pixels(), 1e-9);
    }

    @Test
    void switchesToMillimetres() {
        assertEquals("2 mm", ScaleBar.forScreen(20, 120).label());
        assertEquals("1 mm", ScaleBar.forScreen(10, 120).label());
    }

    @Test
    void magnificationFromObjectiveOrScale() {
        assertEquals("10\u00d7", ScaleBar.magnification(20, 0.5, 2));
        assertEquals("5.0\u00d7", ScaleBar.magnification(0, 0.5, 4));
        assertEquals("zoom 1:3", ScaleBar.magnification(0, 0, 3));
    }
}
