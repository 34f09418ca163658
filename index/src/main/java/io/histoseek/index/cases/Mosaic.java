package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A slide's mosaic, after Yottixel: a few representative tiles chosen by clustering its vectors.
 * Spherical k-means (cosine) with greedy k-means++ seeding from a fixed seed, on a seeded sample of at most
 * {@link #SAMPLE} tiles for large slides; each non-empty cluster gives its medoid, the member most
 * similar to the cluster's centre. The same vectors and seed always give the same mosaic.
 * Yottixel clusters colour histograms then positions; clustering the model's vectors picks tiles
 * that differ in what the model sees, which is what the search compares.
 */
public final class Mosaic {
    /** Yottixel's order of magnitude: tens of tiles per slide. */
    public static final int MAX_TILES = 64;
    /** Tiles clustered at most: keeps a 50,000-tile slide at about a second. */
    public static final int SAMPLE = 2048;
    public static final long SEED = 14;
    private static final int MAX_ITERATIONS = 25;

    private Mosaic() {
    }

    /** Indices (into {@code vectors}, ascending) of at most {@code maxTiles} representative L2-normalized vectors. */
    public static int[] select(List<float[]> vectors, int maxTiles, long seed) {
        if (maxTiles < 1) throw new IllegalArgumentException("a mosaic needs at least one tile: " + maxTiles);
        int n = vectors.size();
        if (n <= maxTiles) return range(n);
        SplittableRandom random = new SplittableRandom(seed);
        int[] sample = sample(n, SAMPLE, random);
        int k = Math.min(maxTiles, sample.length);
        float[][] points = new float[sample.length][];
        for (int i = 0; i < sample.length; i++) points[i] = vectors.get(sample[i]);
        float[][] centres = seeds(points, k, random);
        int[] assignment = new int[points.length];
        Arrays.fill(assignment, -1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (!assign(points, centres, assignment)) break;
            recentre(points, centres, assignment);
        }
        int[] medoids = new int[k];
        float[] best = new float[k];
        Arrays.fill(medoids, -1);
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < points.length; i++) {
            int c = assignment[i];
            float similarity = Dot.of(points[i], centres[c]);
            if (similarity > best[c]) {
                best[c] = similarity;
                medoids[c] = sample[i];
            }
        }
        return Arrays.stream(medoids).filter(i -> i >= 0).sorted().toArray();
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        return all;
    }

    /** A seeded sample of {@code size} distinct indices (all when fewer), ascending. */
    private static int[] sample(int n, int size, SplittableRandom random) {
        int[] all = range(n);
        if (n <= size) return all;
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, size);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * Greedy k-means++ (as scikit-learn): each next centre is the best, by the total squared cosine
     * distance it leaves, of a few candidates drawn with probability proportional to their squared
     * distance to the nearest centre so far. Plain k-means++ now and then seeds one tissue twice.
     */
    private static float[][] seeds(float[][] points, int k, SplittableRandom random) {
        int trials = 2 + (int) Math.log(k);
        List<float[]> centres = new ArrayList<>(k);
        centres.add(points[random.nextInt(points.length)]);
        double[] nearest = new double[points.length];
        double total = 0;
        for (int i = 0; i < points.length; i++) {
            nearest[i] = squaredDistance(points[i], centres.getFirst());
            total += nearest[i];
        }
        double[] candidateNearest = new double[points.length];
        while (centres.size() < k) {
            int best = -1;
            double bestTotal = Double.MAX_VALUE;
            double[] bestNearest = null;
            for (int t = 0; t < trials; t++) {
                int candidate = total > 0 ? draw(nearest, random.nextDouble() * total) : random.nextInt(points.length);
                double candidateTotal = 0;
                for (int i = 0; i < points.length; i++) {
                    candidateNearest[i] = Math.min(nearest[i], squaredDistance(points[i], points[candidate]));
                    candidateTotal += candidateNearest[i];
                }
                if (candidateTotal < bestTotal) {
                    best = candidate;
                    bestTotal = candidateTotal;
                    bestNearest = candidateNearest.clone();
                }
            }
            centres.add(points[best]);
            nearest = bestNearest;
            total = bestTotal;
        }
        float[][] out = new float[k][];
        for (int c = 0; c < k; c++) out[c] = centres.get(c).clone();
        return out;
    }

    private static double squaredDistance(float[] a, float[] b) {
        double d = Math.max(0, 1 - Dot.of(a, b));
        return d * d;
    }

    /** The index where the running sum of {@code weights} reaches {@code target}. */
    private static int draw(double[] weights, double target) {
        int chosen = 0;
        for (double running = weights[0]; running < target && chosen < weights.length - 1; ) running += weights[++chosen];
        return chosen;
    }

    /** Assigns each point to its most similar centre; true when any assignment changed. */
    private static boolean assign(float[][] points, float[][] centres, int[] assignment) {
        boolean changed = false;
        for (int i = 0; i < points.length; i++) {
            int best = 0;
            float bestSimilarity = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                float s = Dot.of(points[i], centres[c]);
                if (s > bestSimilarity) {
                    bestSimilarity = s;
                    best = c;
                }
            }
            if (assignment[i] != best) {
                assignment[i] = best;
                changed = true;
            }
        }
        return changed;
    }

    /** Each centre becomes its members' normalized mean; an empty cluster keeps its centre. */
    private static void recentre(float[][] points, float[][] centres, int[] assignment) {
        int dimension = points[0].length;
        double[][] sums = new double[centres.length][dimension];
        int[] members = new int[centres.length];
        for (int i = 0; i < points.length; i++) {
            double[] sum = sums[assignment[i]];
            float[] p = points[i];
            for (int d = 0; d < dimension; d++) sum[d] += p[d];
            members[assignment[i]]++;
        }
        for (int c = 0; c < centres.length; c++) {
            if (members[c] == 0) continue;
            float[] mean = new float[dimension];
            for (int d = 0; d < dimension; d++) mean[d] = (float) sums[c][d];
            float[] unit = Dot.normalized(mean);
            if (Dot.of(unit, unit) > 0) centres[c] = unit;
        }
    }
}
