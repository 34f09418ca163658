package io.histoseek.app.gui.viewer.overlay;

import io.histoseek.model.support.DaemonThreads;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.FxImages;
import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.SlideImage;
import javafx.scene.image.Image;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads the viewer's tiles on background threads into a byte-bounded {@link RegionCache}, newest
 * request first, so the tiles of the current view win over those of a view the user already
 * left. Queued tiles that are no longer wanted are dropped unread. {@code onTileLoaded} runs on
 * a reader thread once a tile is in the cache.
 */
public final class TileLoader implements AutoCloseable {
    private final RegionCache<Image> cache;
    private final Runnable onTileLoaded;
    private final ThreadPoolExecutor executor;
    private final Set<RegionRequest> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Set<RegionRequest> wanted = Set.of();

    public TileLoader(RegionCache<Image> cache, int threads, Runnable onTileLoaded) {
        this.cache = cache;
        this.onTileLoaded = onTileLoaded;
        // A deque used as a stack: the executor takes from the head, where new requests go.
        LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>() {
            @Override
            public boolean offer(Runnable r) {
                return offerFirst(r);
            }
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, queue, DaemonThreads.named("tile-reader"));
    }

    /**
     * The tiles the current view needs: reads those not cached yet and forgets the rest of the
     * queue. After {@link #close()} (a repaint still queued when the window closed) it reads nothing.
     */
    public void want(SlideImage image, Collection<RegionRequest> regions) {
        if (executor.isShutdown()) {
            return;
        }
        wanted = Set.copyOf(regions);
        for (RegionRequest region : regions) {
            if (cache.get(region) == null && inFlight.add(region)) {
                executor.execute(() -> load(image, region));
            }
        }
    }

    public Image cached(RegionRequest region) {
        return cache.get(region);
    }

    private void load(SlideImage image, RegionRequest region) {
        try {
            if (wanted.contains(region)) {
                cache.put(region, FxImages.of(image.read(region)));
                onTileLoaded.run();
            }
        } catch (Exception | LinkageError e) {
            // An unreadable tile (or a slide closed meanwhile) stays blank over the thumbnail.
        } finally {
            inFlight.remove(region);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
