package io.histoseek.index.pipeline;

/** Reads tiles of one slide into normalized tensors; each reader thread gets its own instance. */
interface TileLoader<P> extends AutoCloseable {
    void load(P position, float[] tensor) throws Exception;

    @Override
    default void close() {}
}
