package io.histoseek.app.pyramid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open slides of the app, one handle per file shared by the viewer and the gallery, so a
 * slide is opened once. Holds at most {@code capacity} handles; the least recently used is closed
 * (its reads in flight finish first, see Slide.close) unless it is {@code pinned} in the viewer.
 */
public final class SlideSources implements AutoCloseable {
    private final int capacity;
    private final LinkedHashMap<Path, PyramidSource> open = new LinkedHashMap<>(16, 0.75f, true);
    private Path pinned;

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

    /** Empty when the file is missing or OpenSlide cannot read it: callers show a placeholder. */
    public Optional<PyramidSource> tryOpen(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(open(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
            if (!eldest.getKey().equals(pinned)) {
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
