package io.histoseek.index.slide;

import io.histoseek.index.slide.openslide.OpenSlideImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlideImagePoolTest {
    @Test
    void sharesOneImagePerFileAndClosesTheLeastRecentlyUsedButNotThePinnedOne() throws Exception {
        try (SlideImagePool pool = new SlideImagePool(OpenSlideImage::open, 2)) {
            OpenSlideImage cmu = (OpenSlideImage) pool.open(get(SharedSlides.CMU));
            assertSame(cmu, pool.open(get(SharedSlides.CMU).resolveSibling("./" + SharedSlides.CMU)));
            pool.pin(get(SharedSlides.CMU));
            OpenSlideImage small = (OpenSlideImage) pool.open(get(SharedSlides.SMALL));
            pool.open(get(SharedSlides.BOXES));
            assertEquals(2, pool.openCount());
            assertFalse(cmu.isClosed(), "the pinned slide stays open");
            assertTrue(small.isClosed(), "the least recently used unpinned slide is closed");
        }
    }

    @Test
    void aReadKeepsItsImageOpenAndAFailedOneIsEmpty() throws Exception {
        try (SlideImagePool pool = new SlideImagePool(OpenSlideImage::open, 1)) {
            Optional<Long> width = pool.read(get(SharedSlides.CMU), image -> {
                for (String other : List.of(SharedSlides.SMALL, SharedSlides.BOXES)) {
                    pool.open(get(other));
                }
                return image.width() + image.read(RegionRequest.ofLevel(image, 0, 0, 0, 8, 8)).getWidth();
            });
            assertEquals(Optional.of(2220L + 8), width, "the image was not closed during the read");
            assertEquals(Optional.empty(), pool.read(Path.of("/nonexistent.svs"), SlideImage::width));
            assertEquals(Optional.empty(), pool.read(get(SharedSlides.UNREADABLE),
                    image -> image.read(RegionRequest.ofLevel(image, 0, 0, 0, 16, 16))));
            assertThrows(SlideException.class, () -> pool.open(get(SharedSlides.UNOPENABLE)));
        }
    }
}
