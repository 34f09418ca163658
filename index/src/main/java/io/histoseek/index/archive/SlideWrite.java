package io.histoseek.index.archive;

import java.util.List;

/**
 * A slide being written, batch by batch, so that only a batch of vectors is on the heap at a time.
 * Nothing of it is visible until {@link #commit}; after a crash the slide has all its old tiles
 * or all its new ones. Closing without committing abandons what was added.
 */
public interface SlideWrite extends AutoCloseable {
    /** Adds tiles; their vectors go to the engine now (uncommitted). */
    void add(List<NewTile> tiles);

    /** Stores the slide as indexed with every tile added, replacing the tiles it had. */
    SlideRecord commit();

    @Override
    void close();
}
