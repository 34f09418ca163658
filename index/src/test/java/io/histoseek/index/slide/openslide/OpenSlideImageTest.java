package io.histoseek.index.slide.openslide;

import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.SlideException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenSlideImageTest {
    /** Geometry from ../shared/data/slides/README.md (and openslide-show-properties). */
    @ParameterizedTest
    @CsvSource({
            "CMU-1-Small-Region.svs, aperio, 1, 2220, 2967, 2220, 2967, 1.0",
            "tcga-cr-7395-01a-01-ts1.svs, aperio, 2, 4443, 3567, 2221, 1783, 2.0005055500659967",
            "constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif, generic-tiff, 5, 2220, 2967, 138, 185, 16.062397179788483",
            "constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif, generic-tiff, 6, 4440, 5934, 138, 185, 32.124794359576967",
            "constructed/CMU-1-Small-Region-vms/CMU-1-Small-Region-vms.vms, hamamatsu, 7, 2048, 2944, 32, 46, 64.0",
            "constructed/CMU-1-Small-Region-mirax.mrxs, mirax, 4, 2048, 2816, 256, 352, 8.0",
            "synthetic/boxes.tiff, generic-tiff, 4, 300, 250, 37, 31, 8.0863121185701843",
            "synthetic/small.svs, aperio, 1, 16, 16, 16, 16, 1.0",
            "invalid/unreadable.svs, aperio, 1, 16, 16, 16, 16, 1.0",
    })
    void opensWithTheDocumentedGeometry(String file, String vendor, int levels, long width, long height,
                                        long lastWidth, long lastHeight, double lastDownsample) throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(file))) {
            assertEquals(vendor, slide.vendor());
            assertEquals(levels, slide.levelCount());
            assertEquals(width, slide.width());
            assertEquals(height, slide.height());
            assertEquals(lastWidth, slide.levelWidth(levels - 1));
            assertEquals(lastHeight, slide.levelHeight(levels - 1));
            assertEquals(lastDownsample, slide.levelDownsample(levels - 1), 1e-9);
            assertEquals(1.0, slide.levelDownsample(0));
            assertTrue(slide.quickHash().orElseThrow().matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void associatedImagesDecodeAtTheirSizes() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.CMU))) {
            assertEquals(List.of("label", "macro", "thumbnail"), slide.associatedImageNames().stream().sorted().toList());
            BufferedImage thumbnail = slide.readAssociatedImage("thumbnail");
            assertEquals(574, thumbnail.getWidth());
            assertEquals(768, thumbnail.getHeight());
            BufferedImage label = slide.readAssociatedImage("label");
            assertEquals(387, label.getWidth());
            assertEquals(463, label.getHeight());
            assertArrayEquals(new long[] {1280, 431}, slide.associatedImageSize("macro"));
            assertThrows(SlideException.class, () -> slide.readAssociatedImage("nope"));
            assertTrue(slide.quickHash().orElseThrow().startsWith("6335ea0e"));
            assertEquals("20", slide.property("openslide.objective-power").orElseThrow());
            assertEquals(20.0, slide.objectivePower().orElseThrow());
        }
    }

    @Test
    void iccProfileIsOptional() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.TCGA))) {
            // OpenSlide 3.4 cannot return it; 4.x returns the embedded sRGB profile ("acsp" at byte 36).
            slide.iccProfile().ifPresent(icc -> assertEquals("acsp", new String(icc, 36, 4, StandardCharsets.US_ASCII)));
            if (OpenSlideImage.libraryVersion().startsWith("3.")) {
                assertTrue(slide.iccProfile().isEmpty());
            }
        }
    }

    @Test
    void readsExactPixelsAndCompositesOutsideOntoWhite() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.BOXES))) {
            int[] pixels = new int[300 * 250];
            slide.readRegion(0, 0, 0, 300, 250, pixels);
            BufferedImage image = slide.readRegion(0, 0, 0, 300, 250);
            assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
            for (int y = 0; y < 250; y += 7) {
                for (int x = 0; x < 300; x += 7) {
                    assertEquals(pixels[y * 300 + x], image.getRGB(x, y));
                    assertEquals(0xFF, pixels[y * 300 + x] >>> 24);
                }
            }
            // The region hangs past the bottom-right corner: outside pixels are white, not black.
            int[] corner = new int[20 * 20];
            slide.readRegion(290, 240, 0, 20, 20, corner);
            assertEquals(0xFFFFFFFF, corner[19 * 20 + 19]);
            assertEquals(pixels[245 * 300 + 295], corner[5 * 20 + 5]);
            // Exact downsamples are not powers of two: OpenSlide picks level 1 for 4.0 (level 2 is 4.016).
            assertEquals(1, slide.bestLevelForDownsample(4.0));
            assertEquals(2, slide.bestLevelForDownsample(4.1));
        }
    }

    @Test
    void invalidFilesFailWithOneLineNamingFileAndReason() {
        SlideException unopenable = assertThrows(SlideException.class, () -> OpenSlideImage.open(get(SharedSlides.UNOPENABLE)));
        assertTrue(unopenable.getMessage().contains("unopenable.tiff"), unopenable.getMessage());
        assertTrue(unopenable.getMessage().contains("Unsupported TIFF compression: 52479"), unopenable.getMessage());
        assertFalse(unopenable.getMessage().contains("\n"));

        Path readme = SharedSlides.get("README.md");
        SlideException notSlide = assertThrows(SlideException.class, () -> OpenSlideImage.open(readme));
        assertTrue(notSlide.getMessage().startsWith(readme.toString() + ": not a slide format"), notSlide.getMessage());

        SlideException missing = assertThrows(SlideException.class, () -> OpenSlideImage.open(Path.of("/nonexistent/x.svs")));
        assertEquals("/nonexistent/x.svs: no such file", missing.getMessage());
    }

    @Test
    void unreadableSlideOpensButEveryReadFailsStickily() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.UNREADABLE))) {
            int[] pixels = new int[16 * 16];
            for (int attempt = 0; attempt < 3; attempt++) {
                SlideException e = assertThrows(SlideException.class, () -> slide.readRegion(0, 0, 0, 16, 16, pixels));
                assertTrue(e.getMessage().contains("unreadable.svs"), e.getMessage());
                assertTrue(e.getMessage().contains("Bogus marker length"), e.getMessage());
            }
        }
    }

    @Test
    void readAfterCloseIsAnExceptionNotACrash() throws Exception {
        OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.SMALL));
        slide.close();
        slide.close();
        assertTrue(slide.isClosed());
        assertThrows(IllegalStateException.class, () -> slide.readRegion(0, 0, 0, 16, 16, new int[256]));
        assertThrows(IllegalStateException.class, () -> slide.readAssociatedImage("thumbnail"));
    }

    @Test
    void nonAsciiFileNameOpens(@TempDir Path temp) throws Exception {
        Path copy = temp.resolve("schnitt-ü-病理.svs");
        Files.copy(get(SharedSlides.SMALL), copy);
        try (OpenSlideImage slide = OpenSlideImage.open(copy)) {
            assertEquals(16, slide.width());
            BufferedImage region = slide.readRegion(0, 0, 0, 16, 16);
            assertEquals(16, region.getWidth());
            assertEquals(copy, slide.file());
        }
    }
}
