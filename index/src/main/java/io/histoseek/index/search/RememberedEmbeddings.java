package io.histoseek.index.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the last regions embedded on the fly, so a query refined by one more example (which
 * resolves all its examples again), or its heat map, does not embed a slide outside the archive
 * a second time: on a CPU that is minutes. Keyed by the file, its modification time and the
 * region; at most {@link #REGIONS} kept (6 KB each at 1536 dimensions). Thread-safe.
 */
final class RememberedEmbeddings implements QueryEmbedder {
    static final int REGIONS = 64;

    private record Key(Path slide, long mtime, long x, long y, long width, long height) {
    }

    private final QueryEmbedder embedder;
    private final Map<Key, Optional<float[]>> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<float[]>> eldest) {
            return size() > REGIONS;
        }
    };

    RememberedEmbeddings(QueryEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public Optional<float[]> embed(Path slide, long x, long y, long width, long height) {
        Key key;
        try {
            key = new Key(slide, Files.getLastModifiedTime(slide).toMillis(), x, y, width, height);
        } catch (IOException e) {
            return embedder.embed(slide, x, y, width, height); // the embedder says what is wrong with the file
        }
        synchronized (remembered) {
            Optional<float[]> known = remembered.get(key);
            if (known != null) {
                return known.map(float[]::clone);
            }
        }
        Optional<float[]> embedded = embedder.embed(slide, x, y, width, height);
        synchronized (remembered) {
            remembered.put(key, embedded.map(float[]::clone));
        }
        return embedded;
    }
}
