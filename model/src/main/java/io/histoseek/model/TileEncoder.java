package io.histoseek.model;

/**
 * Turns normalized tiles into embeddings. Each tile is a CHW {@code float[TileSpec.DEFAULT.tensorLength()]} as
 * {@link Preprocessing#normalizeArgb} writes it; {@link #encode} splits the input into batches of
 * {@link #batchSize()} by itself and returns one {@code float[dimension()]} per tile, in order.
 * Safe to call from several threads, but calls are serialized: one batch runs at a time.
 */
public interface TileEncoder extends AutoCloseable {
    ModelIdentity identity();

    VitArchitecture architecture();

    int dimension();

    int batchSize();

    float[][] encode(float[][] tiles);

    /** Frees the weights and native memory; the encoder cannot be used afterwards. */
    @Override
    void close();
}
