package io.histoseek.index.slide;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionCacheTest {
    private static RegionRequest tile(int column) {
        return new RegionRequest("slide", 1, column * 256L, 0, 256, 256);
    }

    @Test
    void staysWithinItsByteBoundDroppingTheLeastRecentlyUsed() {
        long tileBytes = 4L * 256 * 256;
        RegionCache<int[]> cache = new RegionCache<>(3 * tileBytes, pixels -> 4L * pixels.length);
        cache.put(tile(0), new int[256 * 256]);
        cache.put(tile(1), new int[256 * 256]);
        cache.put(tile(2), new int[256 * 256]);
        assertNotNull(cache.get(tile(0)));
        cache.put(tile(3), new int[256 * 256]);
        assertEquals(3 * tileBytes, cache.bytes());
        assertNull(cache.get(tile(1)), "tile 1 was used least recently");
        assertNotNull(cache.get(tile(0)));
        assertNotNull(cache.get(tile(3)));
        assertEquals(3, cache.size());
    }

    @Test
    void loadingFarMoreThanTheBoundKeepsTheBound() {
        long bound = 10L << 20;
        RegionCache<byte[]> cache = new RegionCache<>(bound, bytes -> bytes.length);
        long loaded = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] value = new byte[1000 + (i * 7919) % 60_000];
            cache.put(tile(i), value);
            loaded += value.length;
            assertTrue(cache.bytes() <= bound, "after " + i + " values: " + cache.bytes());
        }
        assertTrue(loaded > 10 * bound, "the test loads far more than the bound: " + loaded);
        assertTrue(cache.bytes() > bound - 61_000, "and fills it: " + cache.bytes());
        assertNotNull(cache.get(tile(4_999)), "the newest is kept");
        assertNull(cache.get(tile(0)), "the oldest is gone");
    }

    @Test
    void replacingAValueCountsItOnceAndAValueLargerThanTheBoundIsNotKept() {
        RegionCache<byte[]> cache = new RegionCache<>(1000, bytes -> bytes.length);
        cache.put(tile(0), new byte[400]);
        cache.put(tile(0), new byte[300]);
        assertEquals(300, cache.bytes());
        cache.put(tile(1), new byte[1001]);
        assertNull(cache.get(tile(1)));
        assertEquals(300, cache.bytes());
        cache.put(tile(0), new byte[2000]);
        assertNull(cache.get(tile(0)), "an oversized replacement drops the old value too");
        assertEquals(0, cache.bytes());
    }
}
