package io.histoseek.app.gui.viewer;

import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.SlideImage;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads tiles on background threads, newest request first, so the tiles of the current view win
 * over those of a view the user already left. Queued tiles that are no longer wanted are dropped
 * unread. The callback runs on the FX thread once a tile is in the cache.
 */
public final class TileLoader implements AutoCloseable {
    private final TileCache cache;
    private final Runnable onTileLoaded;
    private final ThreadPoolExecutor executor;
    private final Set<TileKey> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Set<TileKey> wanted = Set.of();

    public TileLoader(TileCache cache, int threads, Runnable onTileLoaded) {
        this.cache = cache;
        this.onTileLoaded = onTileLoaded;
        AtomicInteger counter = new AtomicInteger();
        // A deque used as a stack: the executor takes from the head, where new requests go.
        LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, queue, r -> {
            Thread thread = new Thread(r, "tile-reader-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The tiles the current view needs: reads those not cached yet and forgets the rest of the queue. */
    public void want(Collection<TileKey> keys) {
        wanted = Set.copyOf(keys);
        for (TileKey key : keys) {
            if (cache.get(key) == null && inFlight.add(key)) {
                executor.execute(() -> load(key));
            }
        }
    }

    private void load(TileKey key) {
        try {
            if (!wanted.contains(key)) {
                return;
            }
            SlideImage source = key.source();
            double downsample = source.levelDownsample(key.level());
            long levelX = key.column() * TileKey.TILE_SIZE;
            long levelY = key.row() * TileKey.TILE_SIZE;
            int w = (int) Math.min(TileKey.TILE_SIZE, source.levelWidth(key.level()) - levelX);
            int h = (int) Math.min(TileKey.TILE_SIZE, source.levelHeight(key.level()) - levelY);
            if (w <= 0 || h <= 0) {
                return;
            }
            BufferedImage pixels = source.read(RegionRequest.ofLevel(source, key.level(), Math.round(levelX * downsample),
                    Math.round(levelY * downsample), w, h));
            Image image = SwingFXUtils.toFXImage(pixels, null);
            cache.put(key, image);
            Platform.runLater(onTileLoaded);
        } catch (Exception | LinkageError e) {
            // An unreadable tile stays blank; the viewer keeps the thumbnail underneath.
        } finally {
            inFlight.remove(key);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
