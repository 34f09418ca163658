package io.histoseek.index.store;

/** Receives stored vectors in tile-id order during a bulk read. */
@FunctionalInterface
public interface VectorSink {
    void accept(long tileId, float[] vector);
}
