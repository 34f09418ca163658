package io.histoseek.model;

import java.util.Objects;

/**
 * What made a set of vectors, independent of where the weights lie and how they are stored: the
 * same weights as .pth or .safetensors give the same fingerprint (hex SHA-256 over sorted names,
 * shapes and a fixed sample of each tensor's values as float32). Vectors of different identities
 * live in different spaces and are never mixed in one archive. Features imported from elsewhere
 * carry the encoder's name as fingerprint and no known architecture.
 */
public record ModelIdentity(String fingerprint, String architecture, int dimension) {
    public ModelIdentity {
        Objects.requireNonNull(architecture, "architecture");
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("model fingerprint is empty");
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("vector dimension must be positive: " + dimension);
        }
    }

    /** The identity of a ViT checkpoint. */
    public static ModelIdentity of(String fingerprint, VitArchitecture architecture) {
        return new ModelIdentity(fingerprint, architecture.toString(), architecture.dim());
    }

    public String describe() {
        return architecture + " checkpoint " + fingerprint + " (" + dimension + "-d)";
    }
}
