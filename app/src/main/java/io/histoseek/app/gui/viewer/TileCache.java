package io.histoseek.app.gui.viewer;

import io.histoseek.index.slide.SlideImage;
import javafx.scene.image.Image;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decoded tiles, least recently used first out, bounded by the bytes their pixels take. */
public final class TileCache {
    private final long maxBytes;
    private final LinkedHashMap<TileKey, Image> tiles = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    public TileCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public synchronized Image get(TileKey key) {
        return tiles.get(key);
    }

    public synchronized void put(TileKey key, Image image) {
        Image previous = tiles.put(key, image);
        if (previous != null) {
            bytes -= sizeOf(previous);
        }
        bytes += sizeOf(image);
        Iterator<Map.Entry<TileKey, Image>> eldest = tiles.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<TileKey, Image> entry = eldest.next();
            if (entry.getKey().equals(key)) {
                continue;
            }
            bytes -= sizeOf(entry.getValue());
            eldest.remove();
        }
    }

    /** Drops every tile of a source that was closed, so the cache holds no stale pixels. */
    public synchronized void evict(SlideImage source) {
        Iterator<Map.Entry<TileKey, Image>> it = tiles.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<TileKey, Image> entry = it.next();
            if (entry.getKey().source() == source) {
                bytes -= sizeOf(entry.getValue());
                it.remove();
            }
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return tiles.size();
    }

    private static long sizeOf(Image image) {
        return 4L * (long) image.getWidth() * (long) image.getHeight();
    }
}
