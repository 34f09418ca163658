package io.histoseek.index.search;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.TileLocation;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.cases.Mosaic;
import io.histoseek.index.cases.SlideRanking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whole slides like a slide of the archive, by Yottixel's rule ({@link SlideRanking}): the query
 * slide's {@link Mosaic} is searched tile by tile and slides rank by the median of their best
 * matches. Which slides may come up is the caller's filter (never the query slide's case).
 */
public final class SimilarSlides {
    /** Tile hits kept per mosaic tile: the more, the more slides get their exact best match. */
    public static final int HITS_PER_TILE = 200;

    private final Archive archive;

    public SimilarSlides(Archive archive) {
        this.archive = archive;
    }

    /** The mosaic of a stored slide: its representative vectors (none when it has no vectors). */
    public List<float[]> mosaic(long slideId) {
        List<float[]> vectors = new ArrayList<>();
        archive.vectors().forEachVectorOfSlide(slideId, (tile, vector) -> vectors.add(vector));
        List<float[]> mosaic = new ArrayList<>();
        for (int i : Mosaic.select(vectors, Mosaic.MAX_TILES, Mosaic.SEED)) mosaic.add(vectors.get(i));
        return mosaic;
    }

    /** Slides ranked against the mosaic, best first, among those the filter keeps. */
    public List<SlideRanking.RankedSlide> rank(List<float[]> mosaic, VectorFilter filter, int hitsPerTile) {
        return SlideRanking.rank(mosaic, (query, n) -> {
            List<Neighbor> hits = archive.vectors().search(query, n, 0, filter);
            Map<Long, TileLocation> places = archive.locations(hits.stream().map(Neighbor::tileId).toList());
            List<SlideRanking.SlideHit> out = new ArrayList<>(hits.size());
            for (Neighbor hit : hits) {
                TileLocation place = places.get(hit.tileId());
                if (place != null) out.add(new SlideRanking.SlideHit(place.slide().id(), hit.score()));
            }
            return out;
        }, hitsPerTile);
    }
}
