package io.histoseek.app.gui.viewer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewportTest {
    @Test
    void zoomKeepsThePointUnderTheCursorInPlace() {
        Viewport view = new Viewport(1000, 800, 4, 600, 400);
        double imageX = view.toImageX(450);
        double imageY = view.toImageY(120);
        Viewport zoomed = view.zoomAround(450, 120, 2, 100);
        assertEquals(2, zoomed.downsample(), 1e-12);
        assertEquals(imageX, zoomed.toImageX(450), 1e-9);
        assertEquals(imageY, zoomed.toImageY(120), 1e-9);
    }

    @Test
    void zoomStopsAtTheLimits() {
        Viewport view = new Viewport(0, 0, 1, 100, 100);
        assertEquals(Viewport.MIN_DOWNSAMPLE, view.zoomAround(50, 50, 100, 64).downsample(), 1e-12);
        assertEquals(64, view.zoomAround(50, 50, 1e-6, 64).downsample(), 1e-12);
    }

    @Test
    void fitShowsTheWholeImageCentred() {
        Viewport fit = Viewport.fit(2220, 2967, 600, 800);
        assertTrue(fit.left() <= 0 && fit.right() >= 2220 && fit.top() <= 0 && fit.bottom() >= 2967, fit.toString());
        assertEquals(1110, fit.centreX(), 1e-9);
    }

    @Test
    void draggingRightMovesTheViewLeft() {
        Viewport view = new Viewport(500, 500, 2, 100, 100);
        assertEquals(480, view.panByScreen(10, 0).centreX(), 1e-9);
    }

    @Test
    void framingARegionCentresItAtAThirdOfTheShorterSide() {
        Viewport view = new Viewport(0, 0, 8, 600, 400);
        Viewport framed = view.framing(new ImageRegion(1000, 2000, 224, 224));
        assertEquals(1112, framed.centreX(), 1e-9);
        assertEquals(2112, framed.centreY(), 1e-9);
        assertEquals(224 * 3 / 400.0, framed.downsample(), 1e-12);
        assertEquals(8, view.framing(ImageRegion.point(5, 6)).downsample(), 1e-12, "a point keeps the zoom");
    }
}
