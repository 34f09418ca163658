package io.histoseek.app.gui.search;

import io.histoseek.app.export.GalleryTile;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** One hit of the gallery: its picture (filled in when rendered), score, slide name and position. */
public final class HitCard extends VBox {
    public static final double PICTURE = 132;

    private final GalleryTile hit;
    private final StackPane picture = new StackPane();

    public HitCard(GalleryTile hit) {
        this.hit = hit;
        getStyleClass().add("hit-card");
        setSpacing(2);
        setMaxWidth(PICTURE + 12);
        picture.setPrefSize(PICTURE, PICTURE);
        picture.setMinSize(PICTURE, PICTURE);
        picture.getStyleClass().add("hit-picture");
        Label loading = new Label("\u2026");
        picture.getChildren().add(loading);
        Label score = new Label(String.format(Locale.ROOT, "#%d  %.3f", hit.rank(), hit.score()));
        score.getStyleClass().add("hit-score");
        Label slide = new Label(hit.slideName());
        slide.setMaxWidth(PICTURE);
        slide.getStyleClass().add("hit-slide");
        Label position = new Label(String.format(Locale.ROOT, "x %,d  y %,d", hit.x(), hit.y()));
        position.getStyleClass().add("hit-position");
        getChildren().addAll(picture, score, slide, position);
        Tooltip.install(this, new Tooltip(hit.slide() + "\n" + String.format(Locale.ROOT,
                "x %d, y %d, %d\u00d7%d px\nDouble-click to open", hit.x(), hit.y(), hit.width(), hit.height())));
    }

    public GalleryTile hit() {
        return hit;
    }

    public void showPicture(Image image) {
        ImageView view = new ImageView(image);
        view.setFitWidth(PICTURE);
        view.setFitHeight(PICTURE);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        picture.getChildren().setAll(view);
    }

    /** A hit whose slide file is gone: a grey placeholder, no error dialog. */
    public void showMissing() {
        Label missing = new Label("slide file\nmissing");
        missing.setAlignment(Pos.CENTER);
        missing.getStyleClass().add("hit-missing");
        picture.getStyleClass().add("missing");
        picture.getChildren().setAll(missing);
        getStyleClass().add("missing-slide");
    }
}
