package io.histoseek.app.gui.fx;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import java.awt.image.BufferedImage;

/** Pixels for the screen: slide pictures as JavaFX images, and what they cost in memory. */
public final class FxImages {
    private FxImages() {}

    public static Image of(BufferedImage image) {
        return SwingFXUtils.toFXImage(image, null);
    }

    /** Bytes of the image's pixels (4 per pixel), what the byte-bounded caches count. */
    public static long bytes(Image image) {
        return 4L * (long) image.getWidth() * (long) image.getHeight();
    }
}
