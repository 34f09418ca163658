package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MosaicTest {
    /** {@code clusters} tight groups of {@code each} unit vectors; item i belongs to cluster i / each. */
    private static List<float[]> clustered(long seed, int clusters, int each, int dimension, double spread) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            float[] centre = new float[dimension];
            for (int d = 0; d < dimension; d++) centre[d] = (float) random.nextGaussian();
            for (int i = 0; i < each; i++) {
                float[] v = new float[dimension];
                for (int d = 0; d < dimension; d++) v[d] = centre[d] + (float) (random.nextGaussian() * spread);
                out.add(Dot.normalized(v));
            }
        }
        return out;
    }

    @Test
    void oneTilePerClusterEachTheMemberNearestItsCentre() {
        List<float[]> vectors = clustered(3, 8, 30, 32, 0.15);
        int[] mosaic = Mosaic.select(vectors, 8, Mosaic.SEED);
        assertEquals(8, mosaic.length);
        Set<Integer> clusters = new TreeSet<>();
        for (int i : mosaic) clusters.add(i / 30);
        assertEquals(8, clusters.size(), "every cluster once: " + Arrays.toString(mosaic));
        for (int i : mosaic) {
            // The medoid is the member most similar to its cluster's normalized mean.
            int c = i / 30;
            float[] mean = new float[32];
            for (int j = c * 30; j < c * 30 + 30; j++) for (int d = 0; d < 32; d++) mean[d] += vectors.get(j)[d];
            float[] centre = Dot.normalized(mean);
            for (int j = c * 30; j < c * 30 + 30; j++) {
                assertTrue(Dot.of(vectors.get(i), centre) >= Dot.of(vectors.get(j), centre) - 1e-6f, "medoid of cluster " + c);
            }
        }
        assertArrayEquals(mosaic, Mosaic.select(vectors, 8, Mosaic.SEED), "the same seed gives the same mosaic");
    }

    @Test
    void aSmallSlideIsItsOwnMosaic() {
        List<float[]> vectors = clustered(4, 2, 5, 16, 0.2);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Mosaic.select(vectors, 64, Mosaic.SEED));
        assertEquals(0, Mosaic.select(List.of(), 64, Mosaic.SEED).length);
    }

    @Test
    void aLargeSlideIsClusteredOnASampleAndStillCoversEveryTissue() {
        List<float[]> vectors = clustered(5, 20, 250, 48, 0.2); // 5,000 tiles > the sample
        int[] mosaic = Mosaic.select(vectors, Mosaic.MAX_TILES, Mosaic.SEED);
        assertTrue(mosaic.length <= Mosaic.MAX_TILES && mosaic.length >= 20, "tiles: " + mosaic.length);
        assertEquals(mosaic.length, Arrays.stream(mosaic).distinct().count());
        Set<Integer> clusters = new TreeSet<>();
        for (int i : mosaic) clusters.add(i / 250);
        assertEquals(20, clusters.size());
    }
}
