package io.histoseek.index.store;

/**
 * The encoder that made an archive's vectors. Vectors from a different checkpoint (fingerprint)
 * live in a different space and are never mixed into one archive.
 */
public record ModelIdentity(String checkpointFingerprint, String architecture, int dimension) {
    public ModelIdentity {
        if (checkpointFingerprint == null || checkpointFingerprint.isBlank())
            throw new IllegalArgumentException("checkpoint fingerprint is empty");
        if (dimension <= 0) throw new IllegalArgumentException("vector dimension must be positive: " + dimension);
    }

    public String describe() {
        return architecture + " checkpoint " + checkpointFingerprint + " (" + dimension + "-d)";
    }
}
