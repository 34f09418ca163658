package io.histoseek.app.gui.viewer;

import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TileCacheTest {
    @Test
    void staysWithinItsByteBudgetDroppingTheLeastRecentlyUsed() {
        long tileBytes = 4L * 256 * 256;
        TileCache cache = new TileCache(3 * tileBytes);
        TileKey a = new TileKey(null, 0, 0, 0);
        TileKey b = new TileKey(null, 0, 1, 0);
        TileKey c = new TileKey(null, 0, 2, 0);
        TileKey d = new TileKey(null, 0, 3, 0);
        cache.put(a, new WritableImage(256, 256));
        cache.put(b, new WritableImage(256, 256));
        cache.put(c, new WritableImage(256, 256));
        assertNotNull(cache.get(a));
        cache.put(d, new WritableImage(256, 256));
        assertTrue(cache.bytes() <= 3 * tileBytes);
        assertNull(cache.get(b), "b was used least recently");
        assertNotNull(cache.get(a));
        assertEquals(3, cache.size());
    }
}
