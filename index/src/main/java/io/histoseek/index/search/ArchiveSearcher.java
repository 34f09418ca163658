package io.histoseek.index.search;

import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.ann.Neighbor;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.index.store.SlideRecord;
import io.histoseek.index.store.SlideStatus;
import io.histoseek.index.store.TileLocation;
import io.histoseek.index.store.TileRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tiles most similar to a query across an archive: the query is a point of a slide (the
 * stored tile containing it), a rectangle (mean of its tiles' vectors, renormalized) or a vector.
 * A slide or point the archive does not cover goes to the {@link QueryEmbedder}, when there is one.
 * Thread-safe; searches may run while the index grows.
 */
public final class ArchiveSearcher implements AutoCloseable {
    /** When filters drop hits, ask HNSW for this many times k, up to the whole index. */
    private static final int OVERFETCH = 4;

    private final ArchiveStore store;
    private final ArchiveIndex index;
    private final QueryEmbedder embedder;
    private final boolean ownsStore;

    public ArchiveSearcher(ArchiveStore store, ArchiveIndex index, QueryEmbedder embedder) {
        this(store, index, embedder, false);
    }

    private ArchiveSearcher(ArchiveStore store, ArchiveIndex index, QueryEmbedder embedder, boolean ownsStore) {
        this.store = store;
        this.index = index;
        this.embedder = embedder;
        this.ownsStore = ownsStore;
    }

    /** Opens the archive in {@code folder} and its index (rebuilt or extended when needed, with progress). */
    public static ArchiveSearcher open(Path folder, HnswParams params, QueryEmbedder embedder, IndexProgress progress) {
        ArchiveStore store = ArchiveStore.open(folder);
        try {
            return new ArchiveSearcher(store, ArchiveIndex.open(store, params, progress), embedder, true);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public ArchiveStore store() {
        return store;
    }

    public ArchiveIndex index() {
        return index;
    }

    /** Tiles like the one containing level-0 point (x, y) of {@code slide}. */
    public List<SearchHit> searchPoint(Path slide, long x, long y, SearchOptions options) {
        Query query = pointQuery(slide, x, y);
        return searchVector(query.vector(), query.slideId(), options);
    }

    /** Tiles like the level-0 rectangle: the mean of the vectors of the tiles it overlaps. */
    public List<SearchHit> searchRectangle(Path slide, long x, long y, long width, long height, SearchOptions options) {
        if (width <= 0 || height <= 0) throw new SearchException(slide + ": rectangle " + width + "x" + height + " is empty");
        Query query = rectangleQuery(slide, x, y, width, height);
        return searchVector(query.vector(), query.slideId(), options);
    }

    /** Tiles like a given vector (normalized here). */
    public List<SearchHit> searchVector(float[] vector, SearchOptions options) {
        return searchVector(normalized(vector.clone()), -1, options);
    }

    private record Query(float[] vector, long slideId) {
    }

    private Query pointQuery(Path slide, long x, long y) {
        Optional<SlideRecord> stored = indexedSlide(slide);
        if (stored.isPresent()) {
            SlideRecord record = stored.get();
            requireInside(slide, record, x, y);
            TileRecord tile = store.tileContaining(record.id(), x, y).orElseThrow(() ->
                    new SearchException(slide + ": no tissue tile at (" + x + ", " + y + ") (glass or background)"));
            float[] vector = store.vector(tile.id()).orElseThrow(() ->
                    new SearchException(slide + ": tile at (" + x + ", " + y + ") was removed meanwhile; search again"));
            return new Query(vector, record.id());
        }
        return new Query(embed(slide, x, y, 0, 0), otherSlideId(slide));
    }

    private Query rectangleQuery(Path slide, long x, long y, long width, long height) {
        Optional<SlideRecord> stored = indexedSlide(slide);
        if (stored.isPresent()) {
            SlideRecord record = stored.get();
            requireInside(slide, record, x, y);
            List<TileRecord> tiles = store.tilesIntersecting(record.id(), x, y, width, height);
            if (tiles.isEmpty()) {
                throw new SearchException(slide + ": no tissue tile in rectangle (" + x + ", " + y + ") "
                        + width + "x" + height + " (glass or background)");
            }
            float[] mean = new float[index.dimension()];
            for (TileRecord tile : tiles) {
                float[] v = store.vector(tile.id()).orElse(null);
                if (v == null) continue;
                for (int i = 0; i < mean.length; i++) mean[i] += v[i];
            }
            return new Query(normalized(mean), record.id());
        }
        return new Query(embed(slide, x, y, width, height), otherSlideId(slide));
    }

    /** The slide as stored, when it is fully indexed (a pending or failed slide has no usable tiles). */
    private Optional<SlideRecord> indexedSlide(Path slide) {
        return store.slide(store.storedPath(slide))
                .filter(s -> s.status() == SlideStatus.INDEXED || s.status() == SlideStatus.MISSING);
    }

    /** Id of the slide record for a slide known to the archive but not searchable, so exclusion still works. */
    private long otherSlideId(Path slide) {
        return store.slide(store.storedPath(slide)).map(SlideRecord::id).orElse(-1L);
    }

    private static void requireInside(Path slide, SlideRecord record, long x, long y) {
        if (!record.contains(x, y)) {
            throw new SearchException(slide + ": point (" + x + ", " + y + ") lies outside the slide ("
                    + record.metadata().width() + "x" + record.metadata().height() + " level-0 pixels)");
        }
    }

    private float[] embed(Path slide, long x, long y, long width, long height) {
        if (embedder == null) {
            throw new SearchException(slide + ": slide is not in archive " + store.folder() + " (index it first)");
        }
        float[] vector = embedder.embed(slide, x, y, width, height).orElseThrow(() ->
                new SearchException(slide + ": no tissue at (" + x + ", " + y + ") (glass or background)"));
        if (vector.length != index.dimension()) {
            throw new SearchException(slide + ": the embedder made a " + vector.length + "-d vector; the archive holds "
                    + index.dimension() + "-d vectors");
        }
        return normalized(vector.clone());
    }

    private List<SearchHit> searchVector(float[] query, long querySlideId, SearchOptions options) {
        int fetch = options.filters() ? options.k() * OVERFETCH : options.k();
        while (true) {
            List<Neighbor> neighbours = index.search(query, fetch, options.ef());
            List<SearchHit> hits = filter(neighbours, querySlideId, options);
            boolean exhausted = neighbours.size() < fetch || fetch >= index.size();
            if (hits.size() >= options.k() || exhausted) return hits;
            fetch = (int) Math.min((long) fetch * OVERFETCH, index.size());
        }
    }

    private List<SearchHit> filter(List<Neighbor> neighbours, long querySlideId, SearchOptions options) {
        Map<Long, TileLocation> locations = store.locations(neighbours.stream().map(Neighbor::label).toList());
        Map<Long, Integer> perSlide = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        List<SearchHit> hits = new ArrayList<>(options.k());
        for (Neighbor n : neighbours) {
            TileLocation location = locations.get(n.label());
            if (location == null) continue; // deleted since it was indexed
            if (!seen.add(n.label())) continue; // added to the index twice by a caller
            long slideId = location.slide().id();
            if (options.excludeSameSlide() && slideId == querySlideId) continue;
            if (options.maxPerSlide() > 0 && perSlide.merge(slideId, 1, Integer::sum) > options.maxPerSlide()) continue;
            TileRecord tile = location.tile();
            hits.add(new SearchHit(hits.size() + 1, n.score(), location.slide(), tile.id(), tile.x(), tile.y(), tile.size()));
            if (hits.size() == options.k()) break;
        }
        return hits;
    }

    static float[] normalized(float[] v) {
        double sum = 0;
        for (float f : v) sum += (double) f * f;
        if (sum == 0) throw new SearchException("query vector is all zeros");
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) v[i] *= scale;
        return v;
    }

    @Override
    public void close() {
        if (ownsStore) store.close();
    }
}
