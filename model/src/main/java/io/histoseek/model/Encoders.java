package io.histoseek.model;

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
            return identify(weights, heads);
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
            ModelIdentity identity = identify(weights, options.heads());
            ai.djl.Device device = DeviceChoice.resolve(options.device());
            Precision precision = options.precision() != null ? options.precision()
                    : device.isGpu() ? Precision.FP16 : Precision.FP32;
            return VitTileEncoder.load(weights, identity, device, precision, options.batchSize());
        } catch (CheckpointException | RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    static ModelIdentity identify(Checkpoint checkpoint, OptionalInt heads) throws CheckpointException {
        VitArchitecture architecture;
        try {
            architecture = ArchitectureReader.read(checkpoint.shapes(), heads);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(checkpoint.file(), e.getMessage());
        }
        return new ModelIdentity(Fingerprint.of(checkpoint.tensors()), architecture);
    }
}
