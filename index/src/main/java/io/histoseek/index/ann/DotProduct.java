package io.histoseek.index.ann;

/** Inner product of two float runs; the HNSW hot loop. */
public interface DotProduct {
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** Inner product of floats with int8 codes (the caller applies the codes' scale). */
    float dot(float[] a, int aOffset, byte[] codes, int codesOffset, int length);

    /** The Vector API kernel when {@code jdk.incubator.vector} is present (~10x faster), else plain Java. */
    static DotProduct best() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? new SimdDotProduct() : new ScalarDotProduct();
    }
}
