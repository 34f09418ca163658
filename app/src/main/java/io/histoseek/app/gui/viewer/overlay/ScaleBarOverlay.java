package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.export.ScaleBar;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SlideImage;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Bottom left of the window: a scale bar of a round length in um or mm and the magnification
 * at this zoom, or "no scale" when the slide records no mpp. A scale estimated from the objective
 * power is marked "(est.)". Drawn in screen pixels.
 */
public final class ScaleBarOverlay extends AbstractOverlay {
    private static final double TARGET_PIXELS = 120;

    @Override
    protected void draw(GraphicsContext g, Viewport view, SlideImage image) {
        PhysicalScale scale = image.scale();
        double mpp = scale.known() ? scale.mpp() : 0;
        String magnification = ScaleBar.magnification(image.objectivePower().orElse(0), mpp, view.downsample());
        double boxX = 10;
        double boxY = view.screenHeight() - 46;
        g.setFill(Color.color(1, 1, 1, 0.85));
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        if (mpp > 0) {
            ScaleBar bar = ScaleBar.forScreen(mpp * view.downsample(), TARGET_PIXELS);
            g.fillRoundRect(boxX, boxY, Math.max(bar.pixels(), 70) + 80, 36, 6, 6);
            g.setFill(Color.BLACK);
            g.fillRect(boxX + 8, boxY + 22, bar.pixels(), 5);
            g.fillText(bar.label() + (scale.source().isEstimate() ? " (est.)" : ""), boxX + 8, boxY + 4);
            g.fillText(magnification, boxX + Math.max(bar.pixels(), 70) + 22, boxY + 14);
        } else {
            g.fillRoundRect(boxX, boxY, 190, 36, 6, 6);
            g.setFill(Color.BLACK);
            g.fillText("no scale: no mpp, no objective", boxX + 8, boxY + 4);
            g.fillText(magnification, boxX + 8, boxY + 19);
        }
    }
}
