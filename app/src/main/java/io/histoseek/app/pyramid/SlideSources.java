package io.histoseek.app.pyramid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open slides of the app, one handle per file shared by the viewer and the gallery, so a
 * slide is opened once. Holds at most {@code capacity} handles; the least recently used is closed
 * unless it is {@code pinned} in the viewer or a {@link #read} is using it.
 */
public final class SlideSources implements AutoCloseable {
    private final int capacity;
    private final LinkedHashMap<Path, PyramidSource> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Path, Integer> reading = new HashMap<>();
    private Path pinned;

    /** A read of slide pixels or metadata. */
    public interface SlideRead<T> {
        T apply(PyramidSource slide) throws IOException;
    }

    public SlideSources(int capacity) {
        this.capacity = capacity;
    }

    /** Opens (or reuses) the slide; fails with the reason when the file is missing or unreadable. */
    public synchronized PyramidSource open(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        PyramidSource source = open.get(key);
        if (source != null) {
            return source;
        }
        source = OpenSlideSource.open(key);
        open.put(key, source);
        evict();
        return source;
    }

    /**
     * Runs {@code read} on the slide, which is not closed while it runs. Empty when the file is
     * missing or unreadable or the read fails: callers show a placeholder.
     */
    public <T> Optional<T> read(Path file, SlideRead<T> read) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path key = file.toAbsolutePath().normalize();
        PyramidSource source;
        synchronized (this) {
            try {
                source = open(key);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            reading.merge(key, 1, Integer::sum);
        }
        try {
            return Optional.ofNullable(read.apply(source));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            synchronized (this) {
                reading.computeIfPresent(key, (k, readers) -> readers == 1 ? null : readers - 1);
                evict();
            }
        }
    }

    /** The viewer's slide is never closed under it. */
    public synchronized void pin(Path file) {
        pinned = file == null ? null : file.toAbsolutePath().normalize();
    }

    private void evict() {
        var it = open.entrySet().iterator();
        while (open.size() > capacity && it.hasNext()) {
            Map.Entry<Path, PyramidSource> eldest = it.next();
            if (!eldest.getKey().equals(pinned) && !reading.containsKey(eldest.getKey())) {
                eldest.getValue().close();
                it.remove();
            }
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(PyramidSource::close);
        open.clear();
    }
}
