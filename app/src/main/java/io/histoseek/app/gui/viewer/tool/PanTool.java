package io.histoseek.app.gui.viewer.tool;

import io.histoseek.app.gui.viewer.Drag;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.ViewerTool;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Moving around: drag to pan (any button, once past the click threshold), the wheel zooms around
 * the cursor, arrows pan, + and - zoom, F or 0 fits the slide. Takes every drag no tool before
 * it took, so it goes last.
 */
public final class PanTool implements ViewerTool {
    static final double WHEEL_STEP = 1.25;
    static final double KEY_PAN_PIXELS = 120;
    /** Wheel delta of one notch, roughly, on the platforms JavaFX runs on. */
    private static final double NOTCH = 40;

    @Override
    public boolean takesDrag(MouseEvent press) {
        return true;
    }

    @Override
    public void dragged(SlideViewer viewer, Drag drag) {
        if (drag.moved()) {
            viewer.pan(drag.x() - drag.previousX(), drag.y() - drag.previousY());
        }
    }

    @Override
    public boolean scrolled(SlideViewer viewer, ScrollEvent scroll) {
        if (scroll.getDeltaY() == 0) {
            return false;
        }
        double notches = Math.signum(scroll.getDeltaY()) * Math.max(1, Math.abs(scroll.getDeltaY()) / NOTCH);
        viewer.zoomAround(scroll.getX(), scroll.getY(), Math.pow(WHEEL_STEP, notches));
        return true;
    }

    @Override
    public boolean keyPressed(SlideViewer viewer, KeyEvent key) {
        switch (key.getCode()) {
            case LEFT -> viewer.pan(KEY_PAN_PIXELS, 0);
            case RIGHT -> viewer.pan(-KEY_PAN_PIXELS, 0);
            case UP -> viewer.pan(0, KEY_PAN_PIXELS);
            case DOWN -> viewer.pan(0, -KEY_PAN_PIXELS);
            case PLUS, EQUALS, ADD -> viewer.zoom(WHEEL_STEP);
            case MINUS, SUBTRACT -> viewer.zoom(1 / WHEEL_STEP);
            case F, DIGIT0, NUMPAD0 -> viewer.fitToWindow();
            default -> {
                return false;
            }
        }
        return true;
    }
}
