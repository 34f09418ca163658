package io.histoseek.index.cases;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The dot product of two equal-length vectors (cosine for L2-normalized ones), with the Vector API. */
final class Dot {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private Dot() {
    }

    static float of(float[] a, float[] b) {
        // Two accumulators hide the FMA latency; the tail runs scalar.
        FloatVector acc0 = FloatVector.zero(SPECIES), acc1 = acc0;
        int i = 0;
        for (int bound = a.length - 2 * LANES; i <= bound; i += 2 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, i + LANES).fma(FloatVector.fromArray(SPECIES, b, i + LANES), acc1);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    /** A copy scaled to unit length; an all-zero vector stays zero (it matches nothing). */
    static float[] normalized(float[] v) {
        double sum = 0;
        for (float f : v) sum += (double) f * f;
        float[] out = v.clone();
        if (sum == 0) return out;
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < out.length; i++) out[i] *= scale;
        return out;
    }
}
