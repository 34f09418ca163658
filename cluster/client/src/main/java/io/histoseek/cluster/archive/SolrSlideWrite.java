package io.histoseek.cluster.archive;

import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.TileRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.common.SolrInputDocument;

/**
 * A slide being written to a {@link SolrArchive}: each batch of tiles is sent at once, tagged with
 * this write's generation, which no reader counts until the commit flips the slide document to
 * it. Closed without a commit, the sent tiles are deleted again (a crash leaves them to the next
 * writer's clean-up).
 */
final class SolrSlideWrite implements SlideWrite {
    private final SolrArchive archive;
    private final long slideId;
    private final SlideMetadata metadata;
    private final int dimension;
    private final long generation;
    private final List<Long> tileIds = new ArrayList<>();
    private int maxTileSize;
    private boolean committed;

    SolrSlideWrite(SolrArchive archive, long slideId, SlideMetadata metadata, int dimension, long generation) {
        this.archive = archive;
        this.slideId = slideId;
        this.metadata = metadata;
        this.dimension = dimension;
        this.generation = generation;
    }

    @Override
    public void add(List<NewTile> batch) {
        if (committed) throw new IllegalStateException("slide " + metadata.path() + " is already committed");
        for (NewTile tile : batch) {
            float[] vector = tile.vector();
            if (vector == null || vector.length != dimension) {
                throw new ArchiveException(archive.address() + ": slide " + metadata.path() + " has a "
                        + (vector == null ? "missing" : vector.length + "-d") + " vector; the archive's model makes "
                        + dimension + "-d vectors");
            }
        }
        long[] ids = archive.newTileIds(batch.size());
        List<SolrInputDocument> docs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            NewTile tile = batch.get(i);
            TileRecord record = new TileRecord(ids[i], slideId, tile.x(), tile.y(), tile.size(), tile.tissueFraction());
            docs.add(TileDocs.document(record, generation, tile.vector()));
            tileIds.add(ids[i]);
            maxTileSize = Math.max(maxTileSize, tile.size());
        }
        archive.send("store " + batch.size() + " tiles of " + metadata.path(), docs);
    }

    @Override
    public SlideRecord commit() {
        SlideRecord stored = archive.commitSlide(slideId, metadata, generation, tileIds.size(), maxTileSize);
        committed = true;
        return stored;
    }

    @Override
    public void close() {
        if (!committed && !tileIds.isEmpty()) {
            archive.abandon(tileIds);
        }
        tileIds.clear();
    }
}
