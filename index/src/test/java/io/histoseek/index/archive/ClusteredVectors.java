package io.histoseek.index.archive;

import java.util.SplittableRandom;

/** Normalized vectors around a few random cluster centres: a small stand-in for tile embeddings. */
public final class ClusteredVectors {
    private final int dimension;
    private final float[][] centres;
    private final SplittableRandom random;

    public ClusteredVectors(int dimension, int clusters, long seed) {
        this.dimension = dimension;
        this.random = new SplittableRandom(seed);
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) centres[c] = gaussian(1.0);
    }

    public float[] next() {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] noise = gaussian(0.6);
        for (int i = 0; i < dimension; i++) noise[i] += centre[i];
        return normalize(noise);
    }

    public float[][] next(int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = next();
        return out;
    }

    private float[] gaussian(double scale) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) v[i] = (float) (nextGaussian() * scale);
        return v;
    }

    private double nextGaussian() {
        double u = random.nextDouble(), w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    public static float[] normalize(float[] v) {
        double s = 0;
        for (float f : v) s += (double) f * f;
        float k = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) v[i] *= k;
        return v;
    }
}
