package io.histoseek.app.gui.wizard;

import io.histoseek.model.CheckpointException;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.Preprocessing;
import io.histoseek.model.TileEncoder;

import java.nio.file.Path;

/**
 * Measures how fast the encoder embeds tiles on this machine with the chosen options: a warm-up
 * tile, a timed tile, and, when that was quick, a timed full batch (batching pays off there).
 * A slow encoder (the real model on a CPU: seconds per tile) is thus measured in a few tiles.
 * The wizard turns this into the estimated indexing time.
 */
public final class EncoderSpeed {
    private EncoderSpeed() {}

    private static final double QUICK_TILE_SECONDS = 0.5;

    /** Tiles per second on grey tiles. */
    public static double measure(Path checkpoint, EncoderOptions options) throws CheckpointException {
        try (TileEncoder encoder = Encoders.open(checkpoint, options)) {
            encoder.encode(new float[1][Preprocessing.TENSOR_LENGTH]);
            double oneTile = time(encoder, 1);
            if (oneTile > QUICK_TILE_SECONDS) {
                return 1 / oneTile;
            }
            return encoder.batchSize() / Math.max(time(encoder, encoder.batchSize()), 1e-6);
        }
    }

    private static double time(TileEncoder encoder, int tiles) {
        float[][] batch = new float[tiles][Preprocessing.TENSOR_LENGTH];
        long start = System.nanoTime();
        encoder.encode(batch);
        return (System.nanoTime() - start) / 1e9;
    }
}
