package io.histoseek.model;

import io.histoseek.model.checkpoint.Checkpoint;
import io.histoseek.model.checkpoint.CheckpointReader;
import io.histoseek.model.checkpoint.Fingerprint;
import io.histoseek.model.vit.ArchitectureReader;

import java.nio.file.Path;
import java.util.OptionalInt;

/** Entry points: inspect a checkpoint cheaply, or open it as a {@link TileEncoder}. */
public final class Encoders {
    private Encoders() {}

    /** Reads and validates names and shapes and fingerprints the weights; no DJL, no compute. */
    public static ModelIdentity inspect(Path checkpoint, OptionalInt heads) throws CheckpointException {
        return identify(CheckpointReader.read(checkpoint), heads);
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
