package io.histoseek.index.pipeline;

import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.index.store.NewTile;
import io.histoseek.index.store.SlideMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * Commits slides to the store and adds their vectors to the HNSW index, saving the index now
 * and then. The store is the source of truth: the index file may lag behind after a crash, and
 * the next open extends it from the stored vectors, so saving after every slide is not needed.
 */
final class SlideCommitter {
    private static final long SAVE_INTERVAL_NANOS = 30_000_000_000L;

    private final ArchiveStore store;
    private final ArchiveIndex index;
    // Commits run on the commit thread, saves on the indexing thread (the graph's save takes a
    // consistent snapshot while adds run); the flag is cleared before a save so adds made during
    // it are saved next time.
    private volatile long lastSave = System.nanoTime();
    private volatile boolean unsaved;

    private SlideCommitter(ArchiveStore store, ArchiveIndex index) {
        this.store = store;
        this.index = index;
    }

    /** Opens the archive's index, rebuilding or extending it from the store when needed. */
    static SlideCommitter open(ArchiveStore store, IndexingListener listener) {
        IndexProgress progress = (message, done, total) -> {
            if (done == 0) {
                listener.note(message + " (" + total + " vectors)");
            }
        };
        return new SlideCommitter(store, ArchiveIndex.open(store, HnswParams.DEFAULTS, progress));
    }

    /** Stores the slide and its tiles in one transaction, then indexes the vectors as stored (fp16). */
    void commit(SlideMetadata metadata, List<NewTile> tiles) {
        // Tile ids only grow, so the slide's new tiles are exactly those above the largest id before.
        long before = store.counts().maxTileId();
        store.commitSlide(metadata, tiles);
        List<Long> ids = new ArrayList<>(tiles.size());
        List<float[]> vectors = new ArrayList<>(tiles.size());
        store.forEachVector(before, tiles.size(), (id, vector) -> {
            ids.add(id);
            vectors.add(vector);
        });
        for (int i = 0; i < ids.size(); i++) {
            index.add(ids.get(i), vectors.get(i));
        }
        if (!ids.isEmpty()) {
            unsaved = true;
        }
    }

    void saveIfDue() {
        if (unsaved && System.nanoTime() - lastSave > SAVE_INTERVAL_NANOS) {
            save();
        }
    }

    void save() {
        if (unsaved) {
            unsaved = false;
            index.save();
        }
        lastSave = System.nanoTime();
    }
}
