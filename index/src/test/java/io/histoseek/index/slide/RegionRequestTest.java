package io.histoseek.index.slide;

import io.histoseek.index.slide.openslide.OpenSlideImage;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionRequestTest {
    /** Tiling reads levels through requests: every level size must come back exactly, at every level of every pyramid. */
    @Test
    void levelRequestsComeBackAtExactlyTheLevelsPixelCount() throws Exception {
        for (String file : List.of(SharedSlides.TCGA, SharedSlides.TIFF_05, SharedSlides.TIFF_025, SharedSlides.BOXES,
                SharedSlides.VMS, SharedSlides.MIRAX)) {
            try (OpenSlideImage image = OpenSlideImage.open(get(file))) {
                for (int level = 0; level < image.levelCount(); level++) {
                    for (int side = 1; side <= 3000; side++) {
                        RegionRequest request = RegionRequest.ofLevel(image, level, 0, 0, side, side + 1);
                        assertEquals(side, request.outputWidth(), file + " level " + level);
                        assertEquals(side + 1, request.outputHeight(), file + " level " + level);
                    }
                }
            }
        }
    }

    @Test
    void aLevelRequestReadsExactlyTheLevelsPixels() throws Exception {
        try (OpenSlideImage image = OpenSlideImage.open(get(SharedSlides.TCGA))) {
            int[] direct = new int[300 * 200];
            image.readRegion(1000, 700, 1, 300, 200, direct);
            int[] requested = new int[300 * 200];
            image.read(RegionRequest.ofLevel(image, 1, 1000, 700, 300, 200), requested);
            assertArrayEquals(direct, requested);
        }
    }

    @Test
    void aDownsampleBetweenLevelsIsResampledToTheOutputSize() throws Exception {
        try (OpenSlideImage image = OpenSlideImage.open(get(SharedSlides.CMU))) {
            RegionRequest request = new RegionRequest(image.id(), 3.5, 700, 1000, 700, 350);
            BufferedImage region = image.read(request);
            assertEquals(200, region.getWidth());
            assertEquals(100, region.getHeight());
            int[] level0 = new int[700 * 350];
            image.readRegion(700, 1000, 0, 700, 350, level0);
            // The resampled picture shows the same tissue: its mean colour is the level's within a few levels of grey.
            assertEquals(meanRed(level0), meanRed(region.getRGB(0, 0, 200, 100, null, 0, 200)), 3.0);
        }
    }

    @Test
    void wholeImageAndFittedNeverAskForMoreThanLevelZero() throws Exception {
        try (OpenSlideImage image = OpenSlideImage.open(get(SharedSlides.CMU))) {
            RegionRequest whole = RegionRequest.wholeImage(image, 256);
            assertEquals(256, Math.max(whole.outputWidth(), whole.outputHeight()));
            assertEquals(image.width(), whole.width());
            RegionRequest small = RegionRequest.fitted(image, 10, 20, 100, 80, 224);
            assertEquals(1.0, small.downsample());
            assertEquals(100, small.outputWidth());
            assertEquals(4L * 100 * 80, small.outputBytes());
        }
    }

    @Test
    void aThumbnailIsTheStoredOneOrTheWholeSlideAtTheSizeAsked() throws Exception {
        try (OpenSlideImage stored = OpenSlideImage.open(get(SharedSlides.CMU));
             OpenSlideImage levels = OpenSlideImage.open(get(SharedSlides.BOXES))) {
            BufferedImage fromStored = stored.thumbnail(256);
            assertEquals(256, fromStored.getHeight(), "the stored 574x768 thumbnail, scaled down");
            assertEquals(191, fromStored.getWidth());
            assertEquals(768, stored.thumbnail(2000).getHeight(), "never enlarged");
            BufferedImage fromLevels = levels.thumbnail(128);
            assertEquals(128, fromLevels.getWidth(), "boxes.tiff has no stored thumbnail: its 300x250 pyramid is read");
            assertEquals(107, fromLevels.getHeight());
        }
    }

    @Test
    void theImageIdChangesWithTheFileAndRequestsAreValidated() throws Exception {
        try (OpenSlideImage a = OpenSlideImage.open(get(SharedSlides.CMU));
             OpenSlideImage again = OpenSlideImage.open(get(SharedSlides.CMU));
             OpenSlideImage b = OpenSlideImage.open(get(SharedSlides.TIFF_05))) {
            assertEquals(a.id(), again.id(), "the same file unchanged is the same image");
            assertNotEquals(a.id(), b.id());
            assertTrue(a.id().startsWith(get(SharedSlides.CMU).toAbsolutePath().normalize().toString()), a.id());
        }
        assertThrows(IllegalArgumentException.class, () -> new RegionRequest("x", 0, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RegionRequest("x", 1, 0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RegionRequest(null, 1, 0, 0, 1, 1));
    }

    private static double meanRed(int[] pixels) {
        double sum = 0;
        for (int p : pixels) {
            sum += (p >>> 16) & 0xFF;
        }
        return sum / pixels.length;
    }
}
