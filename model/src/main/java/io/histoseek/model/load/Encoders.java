package io.histoseek.model.load;

import io.histoseek.model.CheckpointException;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.Precision;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.VitArchitecture;
import io.histoseek.model.checkpoint.Checkpoint;
import io.histoseek.model.checkpoint.CheckpointReader;
import io.histoseek.model.checkpoint.Fingerprint;
import io.histoseek.model.vit.ArchitectureReader;
import io.histoseek.model.vit.VitTileEncoder;

import java.nio.file.Path;
import java.util.OptionalInt;

/** Entry points: inspect a checkpoint cheaply, or open it as a {@link TileEncoder}. */
public final class Encoders {
    private Encoders() {}

    /** Reads and validates names and shapes and fingerprints the weights; no DJL, no compute. */
    public static ModelIdentity inspect(Path checkpoint, OptionalInt heads) throws CheckpointException {
        try (Checkpoint weights = CheckpointReader.read(checkpoint)) {
            return ModelIdentity.of(Fingerprint.of(weights.tensors()), architecture(weights, heads));
        }
    }

    /**
     * Reads, validates and loads a checkpoint; the encoder owns the file mapping from then on.
     * Throws {@link IllegalStateException} (one-line message) when the device cannot be used,
     * e.g. {@code GPU} without CUDA natives.
     */
    public static TileEncoder open(Path checkpoint, EncoderOptions options) throws CheckpointException {
        Checkpoint weights = CheckpointReader.read(checkpoint);
        try {
            VitArchitecture architecture = architecture(weights, options.heads());
            ModelIdentity identity = ModelIdentity.of(Fingerprint.of(weights.tensors()), architecture);
            ai.djl.Device device = DeviceChoice.resolve(options.device());
            Precision precision = options.precision() != null ? options.precision()
                    : device.isGpu() ? Precision.FP16 : Precision.FP32;
            return VitTileEncoder.load(weights, identity, architecture, device, precision, options.batchSize());
        } catch (CheckpointException | RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private static VitArchitecture architecture(Checkpoint checkpoint, OptionalInt heads) throws CheckpointException {
        try {
            return ArchitectureReader.read(checkpoint.shapes(), heads);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(checkpoint.file(), e.getMessage());
        }
    }
}
