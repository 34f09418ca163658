package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.TileRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A slide being written to a {@link LocalArchive}: each batch's vectors go to the engine at once
 * (uncommitted, so the heap holds one batch); the tiles' places (a few dozen bytes each) wait here
 * for the commit. Closed without a commit, the added vectors are deleted again.
 */
final class LocalSlideWrite implements SlideWrite {
    private final LocalArchive archive;
    private final long slideId;
    private final SlideMetadata metadata;
    private final int dimension;
    private final List<TileRecord> tiles = new ArrayList<>();
    private boolean committed;

    LocalSlideWrite(LocalArchive archive, long slideId, SlideMetadata metadata, int dimension) {
        this.archive = archive;
        this.slideId = slideId;
        this.metadata = metadata;
        this.dimension = dimension;
    }

    @Override
    public void add(List<NewTile> batch) {
        if (committed) throw new IllegalStateException("slide " + metadata.path() + " is already committed");
        float[][] vectors = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            vectors[i] = batch.get(i).vector();
            if (vectors[i] == null || vectors[i].length != dimension) {
                throw new ArchiveException(archive.address() + ": slide " + metadata.path() + " has a "
                        + (vectors[i] == null ? "missing" : vectors[i].length + "-d") + " vector; the archive's model makes "
                        + dimension + "-d vectors");
            }
        }
        long[] ids = archive.newTileIds(batch.size());
        archive.vectors().add(slideId, ids, vectors);
        for (int i = 0; i < batch.size(); i++) {
            NewTile tile = batch.get(i);
            tiles.add(new TileRecord(ids[i], slideId, tile.x(), tile.y(), tile.size(), tile.tissueFraction()));
        }
    }

    @Override
    public SlideRecord commit() {
        SlideRecord stored = archive.commit(slideId, metadata, tiles);
        committed = true;
        return stored;
    }

    @Override
    public void close() {
        if (!committed && !tiles.isEmpty()) {
            archive.abandon(tiles.stream().mapToLong(TileRecord::id).toArray());
        }
        tiles.clear();
    }
}
