package io.histoseek.app.gui.viewer;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.gui.GuiTestSupport;
import io.histoseek.app.gui.fx.FxImages;
import io.histoseek.index.slide.SlideImagePool;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thumbnails of many slides stay within their byte bound; the recent ones are served from memory. */
class ThumbnailsTest {
    @Test
    void thumbnailsOfFarMoreSlidesThanFitKeepTheBound(@TempDir Path dir) throws Exception {
        FxToolkit.registerPrimaryStage();
        Path boxes = SharedTestData.slides().resolve("synthetic/boxes.tiff");
        int slides = 40;
        for (int i = 0; i < slides; i++) {
            Files.copy(boxes, dir.resolve("boxes-" + i + ".tiff"));
        }
        int side = 128;
        long thumbnailBytes = 4L * 128 * 107;
        long bound = 5 * thumbnailBytes;
        List<Optional<Image>> loaded = new CopyOnWriteArrayList<>();
        try (SlideImagePool pool = new SlideImagePool(OpenSlideImage::open, 4);
             Thumbnails thumbnails = new Thumbnails(pool, bound)) {
            for (int i = 0; i < slides; i++) {
                Path file = dir.resolve("boxes-" + i + ".tiff");
                thumbnails.load(file, side, loaded::add);
                int expected = i + 1;
                GuiTestSupport.waitUntil("thumbnail " + i, 20, () -> loaded.size() == expected);
                assertTrue(thumbnails.bytes() <= bound, "after " + expected + " slides: " + thumbnails.bytes());
            }
            assertTrue(loaded.stream().allMatch(Optional::isPresent), "every slide has a thumbnail");
            Image last = loaded.getLast().orElseThrow();
            assertEquals(side, (int) Math.max(last.getWidth(), last.getHeight()));
            assertEquals(thumbnailBytes, FxImages.bytes(last));
            assertTrue(slides * thumbnailBytes > 7 * bound, "the test reads far more than the bound");
            assertTrue(thumbnails.cached(dir.resolve("boxes-" + (slides - 1) + ".tiff"), side).isPresent(), "the latest is in memory");
            assertTrue(thumbnails.cached(dir.resolve("boxes-0.tiff"), side).isEmpty(), "the oldest was dropped");
            assertTrue(thumbnails.cached(dir.resolve("boxes-0.tiff"), 2 * side).isEmpty(), "another size is another picture");
        }
    }
}
