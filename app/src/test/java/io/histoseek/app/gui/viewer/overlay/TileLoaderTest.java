package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.gui.GuiTestSupport;
import io.histoseek.app.gui.fx.FxImages;
import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The viewer's tile cache holds its byte bound however many tiles are read through it. */
class TileLoaderTest {
    @Test
    void readingFarMoreTilesThanTheBoundKeepsTheBound() throws Exception {
        FxToolkit.registerPrimaryStage();
        long tileBytes = 4L * SlideLayer.TILE * SlideLayer.TILE;
        long bound = 6 * tileBytes;
        RegionCache<Image> cache = new RegionCache<>(bound, FxImages::bytes);
        AtomicInteger loaded = new AtomicInteger();
        AtomicLong largest = new AtomicLong();
        try (OpenSlideImage slide = OpenSlideImage.open(SharedTestData.slides().resolve("CMU-1-Small-Region.svs"));
             TileLoader loader = new TileLoader(cache, 2, () -> {
                 loaded.incrementAndGet();
                 largest.accumulateAndGet(cache.bytes(), Math::max);
             })) {
            List<RegionRequest> level0 = new ArrayList<>();
            for (int row = 0; row * SlideLayer.TILE < slide.height(); row++) {
                for (int column = 0; column * SlideLayer.TILE < slide.width(); column++) {
                    int w = (int) Math.min(SlideLayer.TILE, slide.width() - column * SlideLayer.TILE);
                    int h = (int) Math.min(SlideLayer.TILE, slide.height() - row * SlideLayer.TILE);
                    level0.add(RegionRequest.ofLevel(slide, 0, column * SlideLayer.TILE, row * SlideLayer.TILE, w, h));
                }
            }
            loader.want(slide, level0);
            GuiTestSupport.waitUntil("every tile read once", 60, () -> loaded.get() == level0.size(),
                    () -> loaded.get() + " of " + level0.size());
            assertEquals(108, level0.size(), "a 2220x2967 slide has 9x12 tiles of 256 px");
            assertTrue(level0.size() * tileBytes > 15 * bound, "the test reads far more than the bound");
            assertTrue(largest.get() <= bound, "never above the bound: " + largest.get());
            assertTrue(cache.bytes() <= bound && cache.bytes() >= bound - tileBytes, "and full: " + cache.bytes());
            assertEquals(cache.size(), level0.stream().filter(region -> loader.cached(region) != null).count(),
                    "what the loader finds is what the cache holds");
        }
    }
}
