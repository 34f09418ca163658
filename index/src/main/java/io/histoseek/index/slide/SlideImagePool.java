package io.histoseek.index.slide;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open slides shared by everyone who reads them (viewer, gallery, thumbnails), so a file is
 * opened once. Holds at most {@code capacity} images; the least recently used is closed unless
 * it is {@link #pin pinned} (the one the viewer shows) or a {@link #read} is using it.
 */
public final class SlideImagePool implements AutoCloseable {
    /** Opens a slide file as an image (OpenSlide's, in the app). */
    @FunctionalInterface
    public interface Opener {
        SlideImage open(Path file) throws SlideException;
    }

    /** A read of slide pixels or metadata. */
    @FunctionalInterface
    public interface Read<T> {
        T apply(SlideImage image) throws SlideException;
    }

    private final Opener opener;
    private final int capacity;
    private final LinkedHashMap<Path, SlideImage> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Path, Integer> reading = new HashMap<>();
    private Path pinned;

    public SlideImagePool(Opener opener, int capacity) {
        this.opener = opener;
        this.capacity = capacity;
    }

    /** Opens (or reuses) the slide; a SlideException names the file and the reason it cannot be read. */
    public synchronized SlideImage open(Path file) throws SlideException {
        Path key = key(file);
        SlideImage image = open.get(key);
        if (image == null) {
            image = opener.open(key);
            open.put(key, image);
            evict();
        }
        return image;
    }

    /**
     * Runs {@code read} on the slide, which is not closed while it runs. Empty when the file is
     * missing or unreadable or the read fails: callers show a placeholder.
     */
    public <T> Optional<T> read(Path file, Read<T> read) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path key = key(file);
        SlideImage image;
        synchronized (this) {
            try {
                image = open(key);
            } catch (SlideException | RuntimeException e) {
                return Optional.empty();
            }
            reading.merge(key, 1, Integer::sum);
        }
        try {
            return Optional.ofNullable(read.apply(image));
        } catch (SlideException | RuntimeException e) {
            return Optional.empty();
        } finally {
            synchronized (this) {
                reading.computeIfPresent(key, (k, readers) -> readers == 1 ? null : readers - 1);
                evict();
            }
        }
    }

    /** The viewer's slide is never closed under it; null unpins. */
    public synchronized void pin(Path file) {
        pinned = file == null ? null : key(file);
    }

    /** How many slides are open now. */
    public synchronized int openCount() {
        return open.size();
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private void evict() {
        Iterator<Map.Entry<Path, SlideImage>> it = open.entrySet().iterator();
        while (open.size() > capacity && it.hasNext()) {
            Map.Entry<Path, SlideImage> eldest = it.next();
            if (!eldest.getKey().equals(pinned) && !reading.containsKey(eldest.getKey())) {
                eldest.getValue().close();
                it.remove();
            }
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(SlideImage::close);
        open.clear();
    }
}
