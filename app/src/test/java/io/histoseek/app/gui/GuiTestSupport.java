package io.histoseek.app.gui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared test data, waiting for background work, and screenshots of the real window. */
public final class GuiTestSupport {
    private GuiTestSupport() {}

    public static void waitUntil(String what, long seconds, Callable<Boolean> condition) {
        waitUntil(what, seconds, condition, () -> "");
    }

    /** As above; {@code context} says what the window showed when it timed out (a status line). */
    public static void waitUntil(String what, long seconds, Callable<Boolean> condition, java.util.function.Supplier<String> context) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what + " " + context.get());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves what the window shows as build/screenshots/NAME.png and returns the file. */
    public static Path screenshot(Scene scene, String name) throws IOException {
        Path dir = Path.of(System.getProperty("histoseek.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        return file;
    }

    /** How many pixels of what {@code node} shows (every 4th pixel of every 4th row) look like stained tissue. */
    public static long tissuePixels(Node node) {
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)));
        PixelReader pixels = image.getPixelReader();
        long tissue = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int argb = pixels.getArgb(x, y);
                if (((argb >> 16) & 255) - ((argb >> 8) & 255) > 30) {
                    tissue++;
                }
            }
        }
        return tissue;
    }

    public static void cleanUp() throws TimeoutException {
        FxToolkit.cleanupStages();
    }
}
