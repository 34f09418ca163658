package io.histoseek.model;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

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

    /** As {@link #encode(float[][], BooleanSupplier)}, never cancelled. */
    default float[][] encode(float[][] tiles) {
        return encode(tiles, () -> false);
    }

    /**
     * Embeds the tiles, checking {@code cancelled} before each batch and between the steps of the
     * forward pass (each transformer block's attention and MLP), so a stop is honoured within one
     * such step (about 1-3 s for a batch of 16 at H-optimus-0's size on a CPU) instead of after
     * the whole batch. Throws {@link CancellationException} when it turns true; the batch's
     * native memory is freed and the encoder stays usable.
     */
    float[][] encode(float[][] tiles, BooleanSupplier cancelled);

    /** Frees the weights and native memory; the encoder cannot be used afterwards. */
    @Override
    void close();
}
