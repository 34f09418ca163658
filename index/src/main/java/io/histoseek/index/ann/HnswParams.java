package io.histoseek.index.ann;

/**
 * HNSW settings. M=16 / efConstruction=200 match the C++ hnswlib peer and reach recall@10 0.97 at
 * ef=64 on 100k clustered 1536-d vectors (see README); archives far beyond ~500k tiles want M=24..32.
 */
public record HnswParams(int m, int efConstruction, int ef) {
    public static final HnswParams DEFAULTS = new HnswParams(16, 200, 64);

    public HnswParams {
        if (m < 2 || m > 128) throw new IllegalArgumentException("HNSW M must be within 2..128: " + m);
        if (efConstruction < 1) throw new IllegalArgumentException("HNSW efConstruction must be positive: " + efConstruction);
        if (ef < 1) throw new IllegalArgumentException("HNSW ef must be positive: " + ef);
    }
}
