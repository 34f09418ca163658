package io.histoseek.app.gui.wizard;

import io.histoseek.model.CheckpointException;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Encoders;
import io.histoseek.model.TileEncoder;

import java.nio.file.Path;

/**
 * Measures how fast the encoder embeds tiles on this machine with the chosen options: one
 * warm-up batch, then a timed one. The wizard turns this into the estimated indexing time.
 */
public final class EncoderSpeed {
    private EncoderSpeed() {}

    /** Tiles per second; a batch of {@code tiles} grey tiles after a one-tile warm-up. */
    public static double measure(Path checkpoint, EncoderOptions options, int tiles) throws CheckpointException {
        try (TileEncoder encoder = Encoders.open(checkpoint, options)) {
            encoder.encode(new float[1][3 * 224 * 224]);
            float[][] batch = new float[tiles][3 * 224 * 224];
            long start = System.nanoTime();
            encoder.encode(batch);
            double seconds = (System.nanoTime() - start) / 1e9;
            return tiles / Math.max(seconds, 1e-6);
        }
    }
}
