package io.histoseek.index.ann;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/**
 * hnswlib-core's distance contract ({@code 1 - dot}, cosine distance for normalized vectors) on our
 * SIMD kernel: hnswlib-core 1.2.1 ships only scalar functions (~1.5 us per 1536-d product, vs ~0.15 us).
 * The tests' exact reference (hnswlib-core's BruteForceIndex) measures our graph's recall with it.
 */
public final class InnerProductDistance implements DistanceFunction<float[], Float> {
    private static final long serialVersionUID = 1L;
    private transient DotProduct kernel = DotProduct.best();

    @Override
    public Float distance(float[] u, float[] v) {
        if (kernel == null) kernel = DotProduct.best();
        return 1f - kernel.dot(u, 0, v, 0, u.length);
    }
}
