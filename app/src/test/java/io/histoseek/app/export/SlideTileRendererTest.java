package io.histoseek.app.export;

import io.histoseek.app.SharedTestData;
import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.SlideImagePool;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gallery pictures: the size asked for, kept in a cache that holds its byte bound whatever is rendered. */
class SlideTileRendererTest {
    private static final Path CMU = SharedTestData.slides().resolve("CMU-1-Small-Region.svs");

    private static GalleryTile tile(int column, int row) {
        return new GalleryTile(1, 0.9, CMU, column * 224L, row * 224L, 224, 224, OptionalDouble.of(0.499));
    }

    @Test
    void renderingFarMoreTilesThanTheBoundKeepsTheBound() {
        int side = 198;
        long pictureBytes = 4L * side * side;
        long bound = 10 * pictureBytes;
        RegionCache<BufferedImage> cache = new RegionCache<>(bound, SlideTileRenderer::bytes);
        int rendered = 0;
        try (SlideImagePool slides = new SlideImagePool(OpenSlideImage::open, 2)) {
            SlideTileRenderer renderer = new SlideTileRenderer(slides, cache);
            for (int row = 0; row < 13; row++) {
                for (int column = 0; column < 9; column++) {
                    BufferedImage picture = renderer.render(tile(column, row), side).orElseThrow();
                    assertEquals(side, picture.getWidth());
                    assertTrue(cache.bytes() <= bound, "after " + rendered + " pictures: " + cache.bytes());
                    rendered++;
                }
            }
            assertTrue(rendered * pictureBytes > 10 * bound, "the test renders far more than the bound");
            assertEquals(10, cache.size());
            BufferedImage recent = renderer.render(tile(8, 12), side).orElseThrow();
            assertSame(recent, renderer.render(tile(8, 12), side).orElseThrow(), "a recent picture comes from memory");
            assertNotSame(renderer.render(tile(0, 0), side).orElseThrow(), renderer.render(tile(0, 0), 224).orElseThrow(),
                    "another size is another picture");
        }
    }
}
