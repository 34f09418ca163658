package io.histoseek.index.tile;

import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TissueDetectorTest {
    private static final int W = 120;
    private static final int H = 80;

    /** White glass with JPEG-like noise of a few levels per channel. */
    private static int[] glass(Random random) {
        int[] rgb = new int[W * H];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = rgb(245 + random.nextInt(8), 245 + random.nextInt(8), 245 + random.nextInt(8));
        }
        return rgb;
    }

    private static int rgb(int r, int g, int b) {
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static void paint(int[] image, int x0, int y0, int x1, int y1, int colour) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                image[y * W + x] = colour;
            }
        }
    }

    private static int count(boolean[] mask, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += mask[y * W + x] ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void emptyGlassHasNoTissue() {
        boolean[] mask = TissueDetector.classify(glass(new Random(1)), W, H);
        assertEquals(0, count(mask, 0, 0, W, H));
    }

    @Test
    void paleTissueNextToStronglyStainedTissueIsKept() {
        int[] image = glass(new Random(2));
        paint(image, 10, 10, 40, 70, rgb(120, 40, 150));   // hematoxylin-dark region
        paint(image, 50, 10, 80, 70, rgb(235, 205, 225));  // faint eosin, chroma 30
        boolean[] mask = TissueDetector.classify(image, W, H);
        assertEquals(30 * 60, count(mask, 10, 10, 40, 70));
        assertEquals(30 * 60, count(mask, 50, 10, 80, 70));
        assertEquals(0, count(mask, 85, 0, W, H));
    }

    @Test
    void blackBordersAndMarkerInkAreNotTissue() {
        int[] image = glass(new Random(3));
        paint(image, 0, 0, W, 6, rgb(10, 10, 12));          // black scanner border
        paint(image, 20, 20, 40, 60, rgb(40, 90, 170));     // blue marker
        paint(image, 50, 20, 70, 60, rgb(60, 150, 90));     // green marker
        paint(image, 80, 20, 100, 60, rgb(200, 120, 190));  // tissue
        paint(image, 60, 70, 61, 71, rgb(150, 50, 150));    // a speck of debris
        boolean[] mask = TissueDetector.classify(image, W, H);
        assertEquals(0, count(mask, 0, 0, W, 6));
        assertEquals(0, count(mask, 20, 20, 70, 60));
        assertEquals(0, count(mask, 55, 65, 65, 75), "a single-pixel speck is opened away");
        assertEquals(20 * 40, count(mask, 80, 20, 100, 60));
    }

    @Test
    void otsuSplitsTwoModes() {
        int[] histogram = new int[256];
        histogram[5] = 1000;
        histogram[60] = 500;
        int threshold = TissueDetector.otsu(histogram);
        assertTrue(threshold > 5 && threshold <= 60, "threshold " + threshold);
    }

    @Test
    void realSlideMaskFromTheThumbnailCoversTheSection() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.TCGA))) {
            TissueMask mask = TissueDetector.detect(slide, 5);
            assertEquals(956, mask.width(), "the stored 956x768 thumbnail is cheaper than level 1");
            // The shared README: one large piece covering about 58% of the thumbnail.
            assertEquals(0.58, mask.tissueFraction(), 0.06);
            assertFalse(mask.isTissue(0, 0));
        }
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.MIRAX))) {
            // The MIRAX thumbnail is the uncropped CMU one (wrong aspect): a pyramid level is used.
            TissueMask mask = TissueDetector.detect(slide, 28);
            assertEquals(2048 / 24, mask.width());
            assertEquals(0.34, mask.tissueFraction(), 0.05);
        }
    }

    @Test
    void tissueFractionOfASquareCountsMaskPixelsInside() {
        boolean[] tissue = new boolean[10 * 10];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 5; x++) {
                tissue[y * 10 + x] = true;
            }
        }
        TissueMask mask = new TissueMask(10, 10, 4.0, 4.0, tissue);
        assertEquals(1f, mask.fraction(0, 0, 20));
        assertEquals(0.5f, mask.fraction(0, 0, 40));
        assertEquals(0f, mask.fraction(20, 0, 20));
        assertEquals(1f, mask.fraction(5, 5, 2), "smaller than a mask pixel: the nearest pixel");
    }
}
