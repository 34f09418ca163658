package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlideRankingTest {
    /** Slides made of a few tissue types; a slide's class decides how much of each it has. */
    private record Archive(List<float[]> vectors, List<Integer> slideOf, int slides) {
        List<float[]> slide(int s) {
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++) if (slideOf.get(i) == s) out.add(vectors.get(i));
            return out;
        }
    }

    private static Archive archive(long seed, int slides, int dimension) {
        Random random = new Random(seed);
        int tissues = 6;
        float[][] tissue = new float[tissues][dimension];
        for (float[] t : tissue) for (int d = 0; d < dimension; d++) t[d] = (float) random.nextGaussian();
        List<float[]> vectors = new ArrayList<>();
        List<Integer> slideOf = new ArrayList<>();
        for (int s = 0; s < slides; s++) {
            int tiles = 30 + random.nextInt(90);
            int main = s % 3;
            for (int i = 0; i < tiles; i++) {
                int t = random.nextDouble() < 0.9 ? main : random.nextInt(tissues);
                float[] v = new float[dimension];
                for (int d = 0; d < dimension; d++) v[d] = tissue[t][d] + (float) (random.nextGaussian() * 0.7);
                vectors.add(Dot.normalized(v));
                slideOf.add(s);
            }
        }
        return new Archive(vectors, slideOf, slides);
    }

    /** The exact search the archive's engine approximates: every tile of another slide, best first. */
    private static SlideRanking.TileSearch exactSearch(Archive archive, int querySlide) {
        return (query, n) -> {
            List<SlideRanking.SlideHit> hits = new ArrayList<>();
            for (int i = 0; i < archive.vectors().size(); i++) {
                if (archive.slideOf().get(i) == querySlide) continue;
                hits.add(new SlideRanking.SlideHit(archive.slideOf().get(i), Dot.of(query, archive.vectors().get(i))));
            }
            hits.sort(Comparator.comparingDouble(SlideRanking.SlideHit::score).reversed());
            return hits.subList(0, Math.min(n, hits.size()));
        };
    }

    /** Yottixel's rule by brute force: every mosaic tile against every tile of every other slide. */
    private static List<SlideRanking.RankedSlide> bruteForce(Archive archive, List<float[]> mosaic, int querySlide) {
        List<SlideRanking.RankedSlide> out = new ArrayList<>();
        for (int s = 0; s < archive.slides(); s++) {
            if (s == querySlide) continue;
            double[] best = new double[mosaic.size()];
            for (int m = 0; m < mosaic.size(); m++) {
                best[m] = Double.NEGATIVE_INFINITY;
                for (float[] tile : archive.slide(s)) best[m] = Math.max(best[m], Dot.of(mosaic.get(m), tile));
            }
            java.util.Arrays.sort(best);
            int mid = best.length / 2;
            out.add(new SlideRanking.RankedSlide(s, best.length % 2 == 1 ? best[mid] : (best[mid - 1] + best[mid]) / 2));
        }
        out.sort(Comparator.comparingDouble(SlideRanking.RankedSlide::score).reversed().thenComparingLong(SlideRanking.RankedSlide::slideId));
        return out;
    }

    private static List<float[]> mosaicOf(Archive archive, int slide, int maxTiles) {
        List<float[]> tiles = archive.slide(slide);
        List<float[]> mosaic = new ArrayList<>();
        for (int i : Mosaic.select(tiles, maxTiles, Mosaic.SEED)) mosaic.add(tiles.get(i));
        return mosaic;
    }

    @Test
    void withEveryHitTheRankingIsYottixelsMedianRuleExactly() {
        Archive archive = archive(11, 24, 32);
        for (int query : new int[] {0, 7, 13}) {
            List<float[]> mosaic = mosaicOf(archive, query, 16);
            List<SlideRanking.RankedSlide> ranked = SlideRanking.rank(mosaic, exactSearch(archive, query), archive.vectors().size());
            List<SlideRanking.RankedSlide> expected = bruteForce(archive, mosaic, query);
            assertEquals(expected.size(), ranked.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).slideId(), ranked.get(i).slideId(), "rank " + (i + 1) + " of slide " + query);
                assertEquals(expected.get(i).score(), ranked.get(i).score(), 1e-6);
            }
            // The rule finds slides of the same kind: the best slide shares the query's main tissue.
            assertEquals(query % 3, ranked.getFirst().slideId() % 3);
        }
    }

    @Test
    void withTheTopHitsOnlyTheFirstSlidesAreStillRight() {
        Archive archive = archive(12, 30, 32);
        int query = 4;
        List<float[]> mosaic = mosaicOf(archive, query, 16);
        List<SlideRanking.RankedSlide> expected = bruteForce(archive, mosaic, query);
        List<SlideRanking.RankedSlide> ranked = SlideRanking.rank(mosaic, exactSearch(archive, query), 200);
        for (int i = 0; i < 5; i++) {
            assertEquals(expected.get(i).slideId(), ranked.get(i).slideId(), "rank " + (i + 1));
            assertEquals(expected.get(i).score(), ranked.get(i).score(), 1e-6);
        }
        for (int i = 5; i < ranked.size(); i++) {
            // A slide missing from a tile's hits gets that tile's lowest hit: never below its true best.
            SlideRanking.RankedSlide r = ranked.get(i);
            double truth = expected.stream().filter(e -> e.slideId() == r.slideId()).findFirst().orElseThrow().score();
            assertEquals(true, r.score() >= truth - 1e-6, "slide " + r.slideId());
        }
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2, SlideRanking.median(new double[] {3, 1, 2}), 0);
        assertEquals(2.5, SlideRanking.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(List.of(), SlideRanking.rank(List.of(), (q, n) -> List.of(), 10));
    }
}
