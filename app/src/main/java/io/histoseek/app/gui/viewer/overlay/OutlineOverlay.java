package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.index.slide.SlideImage;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Rectangles over the slide, each with its colour and label: the query's outline, the hit the
 * user opened, the box being dragged (dashed). At least 3 screen pixels wide at any zoom, with a
 * dark rim so they show on any stain.
 */
public final class OutlineOverlay extends AbstractOverlay {
    private final ObservableList<Outline> outlines = FXCollections.observableArrayList();
    private final boolean dashed;

    public OutlineOverlay(boolean dashed) {
        this.dashed = dashed;
        outlines.addListener((ListChangeListener<Outline>) change -> repaint());
    }

    /** What is drawn; change it on the FX thread. */
    public ObservableList<Outline> outlines() {
        return outlines;
    }

    @Override
    protected void draw(GraphicsContext g, Viewport view, SlideImage image) {
        for (Outline outline : outlines) {
            double x = view.toScreenX(outline.region().x());
            double y = view.toScreenY(outline.region().y());
            double w = Math.max(3, outline.region().width() / view.downsample());
            double h = Math.max(3, outline.region().height() / view.downsample());
            g.setLineDashes(dashed ? new double[] {6, 4} : null);
            g.setStroke(Color.color(0, 0, 0, 0.6));
            g.setLineWidth(4);
            g.strokeRect(x, y, w, h);
            g.setStroke(outline.color());
            g.setLineWidth(2);
            g.strokeRect(x, y, w, h);
            if (outline.label() != null && !outline.label().isEmpty()) {
                drawLabel(g, outline, x, y);
            }
        }
    }

    private static void drawLabel(GraphicsContext g, Outline outline, double x, double y) {
        g.setFont(Font.font(null, FontWeight.BOLD, 12));
        g.setFill(Color.color(0, 0, 0, 0.65));
        g.fillRect(x - 1, y - 19, outline.label().length() * 7.2 + 8, 17);
        g.setFill(outline.color());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(outline.label(), x + 3, y - 4);
    }
}
