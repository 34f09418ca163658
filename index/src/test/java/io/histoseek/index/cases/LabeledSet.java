package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic labeled set: classes with a centre each, cases (patients) each of one class and with
 * an offset of their own, items of a case scattered around centre + offset. Cases make the
 * same-case neighbours the closest ones, so leaving them out matters. Vectors are L2-normalized.
 */
record LabeledSet(float[][] vectors, List<CaseLabel> labels) {
    static LabeledSet generate(long seed, int dimension, int classes, int cases, int itemsPerCase, double caseSpread, double noise) {
        Random random = new Random(seed);
        float[][] centres = new float[classes][];
        for (int c = 0; c < classes; c++) centres[c] = gaussian(random, dimension, 1);
        List<float[]> vectors = new ArrayList<>();
        List<CaseLabel> labels = new ArrayList<>();
        for (int p = 0; p < cases; p++) {
            int c = p % classes;
            float[] offset = gaussian(random, dimension, caseSpread);
            // Uneven cases: some have one item, some many.
            int items = 1 + random.nextInt(itemsPerCase);
            for (int i = 0; i < items; i++) {
                float[] jitter = gaussian(random, dimension, noise);
                float[] v = new float[dimension];
                for (int d = 0; d < dimension; d++) v[d] = centres[c][d] + offset[d] + jitter[d];
                vectors.add(Dot.normalized(v));
                labels.add(new CaseLabel("class-" + (char) ('a' + c), "case-" + p));
            }
        }
        return new LabeledSet(vectors.toArray(float[][]::new), labels);
    }

    private static float[] gaussian(Random random, int dimension, double scale) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) v[d] = (float) (random.nextGaussian() * scale);
        return v;
    }

    int size() {
        return vectors.length;
    }
}
