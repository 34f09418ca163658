package io.histoseek.index.search;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.TileLocation;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.archive.VectorEngine;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.model.ModelIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tiles most similar to a query across an archive: the query is a point of a slide (the
 * stored tile containing it), a rectangle (mean of its tiles' vectors, renormalized) or a vector.
 * A slide or point the archive does not cover goes to the {@link QueryEmbedder}, when there is one.
 * Talks to the {@link Archive} and its {@link VectorEngine} only. The query's own slide is left
 * out inside the engine's search; hits whose tiles the archive no longer (or not yet) holds are
 * skipped. Thread-safe; searches may run while another process writes the archive.
 */
public final class ArchiveSearcher implements AutoCloseable {
    /** When hits are dropped (a per-slide cap, tiles removed meanwhile), ask for this many times more, up to the whole archive. */
    private static final int OVERFETCH = 4;

    private final Archive archive;
    private final QueryEmbedder embedder;
    private final boolean ownsArchive;

    public ArchiveSearcher(Archive archive, QueryEmbedder embedder) {
        this(archive, embedder, false);
    }

    private ArchiveSearcher(Archive archive, QueryEmbedder embedder, boolean ownsArchive) {
        this.archive = archive;
        this.embedder = embedder == null ? null : new RememberedEmbeddings(embedder);
        this.ownsArchive = ownsArchive;
    }

    /** Opens the archive at {@code address} for reading, closed with this searcher. */
    public static ArchiveSearcher open(ArchiveAddress address, QueryEmbedder embedder) {
        return new ArchiveSearcher(Archives.openForReading(address), embedder, true);
    }

    /** {@link #open(ArchiveAddress, QueryEmbedder)} for a folder. */
    public static ArchiveSearcher open(Path folder, QueryEmbedder embedder) {
        return open(ArchiveAddress.of(folder), embedder);
    }

    public Archive archive() {
        return archive;
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

    /**
     * Tiles like the positive examples and unlike the negative ones ({@link RefinedScoring}: the
     * rule, its weights and why are in docs/refine.md). One positive and no negative is the plain
     * point or rectangle search. "The query's slide" (for {@code excludeSameSlide}) is the first
     * positive's. Scores are re-scored similarities in [-1, 1].
     */
    public List<SearchHit> searchExamples(List<Example> examples, SearchOptions options) {
        Examples resolved = resolve(examples);
        if (examples.size() == 1) {
            return searchVector(resolved.scoring().rocchio(), resolved.slideId(), options);
        }
        RefinedScoring scoring = resolved.scoring();
        VectorEngine engine = archive.vectors();
        VectorFilter filter = filter(options, resolved.slideId());
        int gather = RefinedScoring.candidates(options.maxPerSlide() > 0 ? options.k() * OVERFETCH : options.k());
        while (true) {
            Map<Long, RefinedScoring.Candidate> candidates = new LinkedHashMap<>();
            boolean exhausted = false; // a search that found fewer than asked has seen every tile the filter keeps
            for (float[] query : scoring.candidateQueries()) {
                List<Neighbor> found = engine.search(query, gather, Math.max(options.ef(), 0), filter);
                exhausted |= found.size() < gather;
                for (Neighbor n : found) {
                    if (!candidates.containsKey(n.tileId())) {
                        engine.vector(n.tileId()).ifPresent(v -> candidates.put(n.tileId(), new RefinedScoring.Candidate(n.tileId(), v)));
                    }
                }
            }
            List<Neighbor> ranked = scoring.rank(List.copyOf(candidates.values())).stream()
                    .map(scored -> new Neighbor(scored.tileId(), scored.score())).toList();
            List<SearchHit> hits = shape(ranked, options);
            long stored = engine.count();
            if (hits.size() >= options.k() || exhausted || gather >= stored) return hits;
            gather = (int) Math.min((long) gather * OVERFETCH, stored);
        }
    }

    /** The examples' vectors under the scoring rule (what a heat map scores every tile of a slide with). */
    public RefinedScoring scoring(List<Example> examples) {
        return resolve(examples).scoring();
    }

    /** The examples as unit vectors, and the id of the first positive's slide (-1: not in the archive). */
    private record Examples(RefinedScoring scoring, long slideId) {
    }

    private Examples resolve(List<Example> examples) {
        List<float[]> positives = new ArrayList<>();
        List<float[]> negatives = new ArrayList<>();
        long slideId = -1;
        for (Example example : examples) {
            Path slide = example.slide().toAbsolutePath().normalize();
            Query query = example.isPoint() ? pointQuery(slide, example.x(), example.y())
                    : rectangleQuery(slide, example.x(), example.y(), example.width(), example.height());
            if (example.positive()) {
                if (positives.isEmpty()) slideId = query.slideId();
                positives.add(query.vector());
            } else {
                negatives.add(query.vector());
            }
        }
        return new Examples(new RefinedScoring(positives, negatives), slideId);
    }

    /** Tiles like a given vector (normalized here). */
    public List<SearchHit> searchVector(float[] vector, SearchOptions options) {
        if (vector.length != dimension()) {
            throw new SearchException("a " + vector.length + "-d query vector; archive " + archive.address() + " holds "
                    + dimension() + "-d vectors");
        }
        return searchVector(normalized(vector.clone()), -1, options);
    }

    /** A query as the search sees it: its normalized vector and the archive's id of its slide (-1: a slide the archive lacks). */
    public record QueryVector(float[] vector, long slideId) {
    }

    /**
     * The vector a point ({@code width} and {@code height} 0) or rectangle of a slide searches
     * with, as {@link #searchPoint} and {@link #searchRectangle} use it: for the vote and slide
     * features, which run their own filtered searches.
     */
    public QueryVector queryVector(Path slide, long x, long y, long width, long height) {
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new SearchException(slide + ": rectangle " + width + "x" + height + " is empty");
        }
        Query query = width == 0 ? pointQuery(slide, x, y) : rectangleQuery(slide, x, y, width, height);
        return new QueryVector(query.vector(), query.slideId());
    }

    private record Query(float[] vector, long slideId) {
    }

    private Query pointQuery(Path slide, long x, long y) {
        Optional<SlideRecord> stored = indexedSlide(slide);
        if (stored.isPresent()) {
            SlideRecord record = stored.get();
            requireInside(slide, record, x, y);
            TileRecord tile = archive.tileContaining(record.id(), x, y).orElseThrow(() ->
                    new SearchException(slide + ": no tissue tile at (" + x + ", " + y + ") (glass or background)"));
            float[] vector = archive.vectors().vector(tile.id()).orElseThrow(() ->
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
            List<TileRecord> tiles = archive.tilesIntersecting(record.id(), x, y, width, height);
            if (tiles.isEmpty()) {
                throw new SearchException(slide + ": no tissue tile in rectangle (" + x + ", " + y + ") "
                        + width + "x" + height + " (glass or background)");
            }
            float[] mean = new float[dimension()];
            for (TileRecord tile : tiles) {
                float[] v = archive.vectors().vector(tile.id()).orElse(null);
                if (v == null) continue;
                for (int i = 0; i < mean.length; i++) mean[i] += v[i];
            }
            return new Query(normalized(mean), record.id());
        }
        return new Query(embed(slide, x, y, width, height), otherSlideId(slide));
    }

    /** The slide as stored, when it is fully indexed (a pending or failed slide has no usable tiles). */
    private Optional<SlideRecord> indexedSlide(Path slide) {
        return archive.slide(archive.storedPath(slide))
                .filter(s -> s.status() == SlideStatus.INDEXED || s.status() == SlideStatus.MISSING);
    }

    /** Id of the slide record for a slide known to the archive but not searchable, so exclusion still works. */
    private long otherSlideId(Path slide) {
        return archive.slide(archive.storedPath(slide)).map(SlideRecord::id).orElse(-1L);
    }

    private static void requireInside(Path slide, SlideRecord record, long x, long y) {
        if (!record.contains(x, y)) {
            throw new SearchException(slide + ": point (" + x + ", " + y + ") lies outside the slide ("
                    + record.metadata().width() + "x" + record.metadata().height() + " level-0 pixels)");
        }
    }

    private float[] embed(Path slide, long x, long y, long width, long height) {
        if (embedder == null) {
            throw new SearchException(slide + ": slide is not in archive " + archive.address() + " (index it first)");
        }
        float[] vector = embedder.embed(slide, x, y, width, height).orElseThrow(() ->
                new SearchException(slide + ": no tissue at (" + x + ", " + y + ") (glass or background)"));
        if (vector.length != dimension()) {
            throw new SearchException(slide + ": the embedder made a " + vector.length + "-d vector; the archive holds "
                    + dimension() + "-d vectors");
        }
        return normalized(vector.clone());
    }

    private int dimension() {
        return archive.model().map(ModelIdentity::dimension).orElseThrow(() ->
                new SearchException(archive.address() + ": archive holds no vectors yet (index some slides first)"));
    }

    private List<SearchHit> searchVector(float[] query, long querySlideId, SearchOptions options) {
        VectorEngine engine = archive.vectors();
        VectorFilter filter = filter(options, querySlideId);
        int fetch = options.maxPerSlide() > 0 ? options.k() * OVERFETCH : options.k();
        while (true) {
            List<Neighbor> neighbours = engine.search(query, fetch, Math.max(options.ef(), 0), filter);
            List<SearchHit> hits = shape(neighbours, options);
            long stored = engine.count();
            if (hits.size() >= options.k() || neighbours.size() < fetch || fetch >= stored) return hits;
            fetch = (int) Math.min((long) fetch * OVERFETCH, stored);
        }
    }

    private static VectorFilter filter(SearchOptions options, long querySlideId) {
        boolean dropQuerySlide = options.excludeSameSlide() && querySlideId >= 0;
        if (options.onlySlides().isPresent()) {
            Set<Long> only = new HashSet<>(options.onlySlides().get());
            if (dropQuerySlide) only.remove(querySlideId);
            return VectorFilter.only(only);
        }
        return dropQuerySlide ? VectorFilter.allBut(Set.of(querySlideId)) : VectorFilter.NONE;
    }

    /** Hits with their tiles and slides, capped per slide, renumbered from 1. */
    private List<SearchHit> shape(List<Neighbor> neighbours, SearchOptions options) {
        Map<Long, TileLocation> locations = archive.locations(neighbours.stream().map(Neighbor::tileId).toList());
        Map<Long, Integer> perSlide = new HashMap<>();
        List<SearchHit> hits = new ArrayList<>(options.k());
        for (Neighbor n : neighbours) {
            TileLocation location = locations.get(n.tileId());
            if (location == null) continue; // not (or no longer) a tile of the archive: a write in progress elsewhere
            long slideId = location.slide().id();
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
        if (ownsArchive) archive.close();
    }
}
