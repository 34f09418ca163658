package io.histoseek.app.gui.viewer;

import io.histoseek.index.slide.SlideImage;
import javafx.beans.value.ObservableValue;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/** The slide's thumbnail with the viewer's current view marked; a click or drag moves the view there. */
public final class OverviewPane extends Region {
    private final Canvas canvas = new Canvas();
    private final SlideViewer viewer;
    private final ObservableValue<Image> thumbnail;

    /** {@code thumbnail}: the picture of the viewer's slide, when there is one yet. */
    public OverviewPane(SlideViewer viewer, ObservableValue<Image> thumbnail, double size) {
        this.viewer = viewer;
        this.thumbnail = thumbnail;
        setId("overview");
        setPrefSize(size, size);
        setMinSize(size, size);
        setMaxSize(size, size);
        getChildren().add(canvas);
        viewer.viewportProperty().addListener((obs, old, now) -> paint());
        thumbnail.addListener((obs, old, now) -> paint());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::jump);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::jump);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        paint();
    }

    /** Scale from level-0 pixels to overview pixels, and the offsets that centre the thumbnail. */
    private double[] placement() {
        SlideImage source = viewer.getImage();
        double scale = Math.min(getWidth() / source.width(), getHeight() / source.height());
        return new double[] {scale, (getWidth() - source.width() * scale) / 2, (getHeight() - source.height() * scale) / 2};
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        SlideImage source = viewer.getImage();
        Image picture = thumbnail.getValue();
        Viewport view = viewer.getViewport();
        if (source == null || view == null) {
            return;
        }
        double[] p = placement();
        g.setFill(Color.WHITE);
        g.fillRect(p[1], p[2], source.width() * p[0], source.height() * p[0]);
        if (picture != null) {
            g.drawImage(picture, p[1], p[2], source.width() * p[0], source.height() * p[0]);
        }
        g.setStroke(Color.RED);
        g.setLineWidth(2);
        double left = Math.max(0, view.left());
        double top = Math.max(0, view.top());
        double right = Math.min(source.width(), view.right());
        double bottom = Math.min(source.height(), view.bottom());
        g.strokeRect(p[1] + left * p[0], p[2] + top * p[0], Math.max(2, (right - left) * p[0]), Math.max(2, (bottom - top) * p[0]));
        g.setStroke(Color.GRAY);
        g.setLineWidth(1);
        g.strokeRect(0.5, 0.5, getWidth() - 1, getHeight() - 1);
    }

    private void jump(MouseEvent event) {
        SlideImage source = viewer.getImage();
        Viewport view = viewer.getViewport();
        if (source == null || view == null) {
            return;
        }
        double[] p = placement();
        double x = Math.clamp((event.getX() - p[1]) / p[0], 0, source.width());
        double y = Math.clamp((event.getY() - p[2]) / p[0], 0, source.height());
        viewer.viewportProperty().set(view.centredOn(x, y));
        event.consume();
    }
}
