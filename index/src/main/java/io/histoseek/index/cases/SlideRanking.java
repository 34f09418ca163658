package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Yottixel's slide ranking: each tile of the query slide's {@link Mosaic} is searched; for every
 * slide that comes up, each mosaic tile contributes its best match in that slide, and slides rank
 * by the median of those best matches over the mosaic (highest first; equal medians by slide id).
 * A search returns only its top hits, so a slide missing from one mosaic tile's hits gets, for that
 * tile, the lowest similarity the tile's hits reached: an upper bound of its true best match, exact
 * when the search returned everything it was allowed to. Which slides may come up (never the query
 * slide nor its case) is the search function's filter.
 */
public final class SlideRanking {
    /** A tile hit: the slide it belongs to and its cosine similarity to the mosaic tile. */
    public record SlideHit(long slideId, float score) {
    }

    /** A slide and its score: the median over the mosaic of the best match in that slide. */
    public record RankedSlide(long slideId, double score) {
    }

    /** Searches the archive for one mosaic tile: at most {@code n} tile hits, best first. */
    @FunctionalInterface
    public interface TileSearch {
        List<SlideHit> search(float[] query, int n);
    }

    private SlideRanking() {
    }

    /** Every slide any mosaic tile's top {@code hitsPerTile} reached, ranked by the median rule. */
    public static List<RankedSlide> rank(List<float[]> mosaic, TileSearch search, int hitsPerTile) {
        if (mosaic.isEmpty()) return List.of();
        int tiles = mosaic.size();
        Map<Long, float[]> best = new HashMap<>();
        float[] floor = new float[tiles];
        for (int m = 0; m < tiles; m++) {
            List<SlideHit> hits = search.search(mosaic.get(m), hitsPerTile);
            floor[m] = Float.NaN;
            for (SlideHit hit : hits) {
                float[] row = best.computeIfAbsent(hit.slideId(), id -> filled(tiles));
                if (Float.isNaN(row[m]) || hit.score() > row[m]) row[m] = hit.score();
                floor[m] = Float.isNaN(floor[m]) ? hit.score() : Math.min(floor[m], hit.score());
            }
        }
        List<RankedSlide> ranked = new ArrayList<>(best.size());
        for (Map.Entry<Long, float[]> entry : best.entrySet()) {
            float[] row = entry.getValue();
            double[] values = new double[tiles];
            for (int m = 0; m < tiles; m++) {
                // A mosaic tile with no hits at all (nothing searchable) says nothing: the lowest similarity.
                values[m] = !Float.isNaN(row[m]) ? row[m] : !Float.isNaN(floor[m]) ? floor[m] : -1;
            }
            ranked.add(new RankedSlide(entry.getKey(), median(values)));
        }
        ranked.sort(Comparator.comparingDouble(RankedSlide::score).reversed().thenComparingLong(RankedSlide::slideId));
        return ranked;
    }

    private static float[] filled(int n) {
        float[] row = new float[n];
        Arrays.fill(row, Float.NaN);
        return row;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
