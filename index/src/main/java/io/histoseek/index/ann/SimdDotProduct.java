package io.histoseek.index.ann;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** Four independent FMA accumulators hide the FMA latency; the tail runs scalar. */
final class SimdDotProduct implements DotProduct {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** As many byte lanes as float lanes: one load widens to one float vector (vpmovsxbd + vcvtdq2ps). */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * 8));

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        FloatVector acc0 = FloatVector.zero(SPECIES), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (int bound = length - 4 * LANES; i <= bound; i += 4 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES).fma(FloatVector.fromArray(SPECIES, b, bOffset + i + LANES), acc1);
            acc2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES).fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES), acc2);
            acc3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES).fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES), acc3);
        }
        for (int bound = length - LANES; i <= bound; i += LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
        }
        float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) sum += a[aOffset + i] * b[bOffset + i];
        return sum;
    }

    @Override
    public float dot(float[] a, int aOffset, byte[] codes, int codesOffset, int length) {
        FloatVector acc0 = FloatVector.zero(SPECIES), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int i = 0;
        for (int bound = length - 4 * LANES; i <= bound; i += 4 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(widen(codes, codesOffset + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES).fma(widen(codes, codesOffset + i + LANES), acc1);
            acc2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES).fma(widen(codes, codesOffset + i + 2 * LANES), acc2);
            acc3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES).fma(widen(codes, codesOffset + i + 3 * LANES), acc3);
        }
        float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) sum += a[aOffset + i] * codes[codesOffset + i];
        return sum;
    }

    private static FloatVector widen(byte[] codes, int offset) {
        return (FloatVector) ByteVector.fromArray(BYTES, codes, offset).convertShape(VectorOperators.B2F, SPECIES, 0);
    }
}
