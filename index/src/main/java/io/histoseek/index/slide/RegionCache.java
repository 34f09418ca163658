package io.histoseek.index.slide;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Decoded pixels by the region they show, least recently used first out, bounded by the bytes
 * the values take (not by their count): the one cache of the viewer's tiles, the thumbnails and
 * the gallery's pictures. A value larger than the whole bound is not kept. Thread-safe.
 *
 * @param <V> what is kept per region (a JavaFX image, a BufferedImage...)
 */
public final class RegionCache<V> {
    private final long maxBytes;
    private final ToLongFunction<V> bytesOf;
    private final LinkedHashMap<RegionRequest, V> values = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** {@code bytesOf} says how many bytes a value holds (for pixels: 4 per pixel). */
    public RegionCache(long maxBytes, ToLongFunction<V> bytesOf) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache bound must not be negative, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.bytesOf = bytesOf;
    }

    public synchronized V get(RegionRequest request) {
        return values.get(request);
    }

    /** Keeps {@code value} as the most recently used, dropping the least recently used beyond the bound. */
    public synchronized void put(RegionRequest request, V value) {
        long size = bytesOf.applyAsLong(value);
        V previous = values.remove(request);
        if (previous != null) {
            bytes -= bytesOf.applyAsLong(previous);
        }
        if (size > maxBytes) {
            return;
        }
        Iterator<Map.Entry<RegionRequest, V>> eldest = values.entrySet().iterator();
        while (bytes + size > maxBytes && eldest.hasNext()) {
            bytes -= bytesOf.applyAsLong(eldest.next().getValue());
            eldest.remove();
        }
        values.put(request, value);
        bytes += size;
    }

    /** The bytes the kept values take; never above {@link #maxBytes()}. */
    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public synchronized int size() {
        return values.size();
    }

    public synchronized void clear() {
        values.clear();
        bytes = 0;
    }
}
