package io.histoseek.model;

import java.util.Objects;

/**
 * What a checkpoint is, independent of where it lies and how it is stored: the same weights as
 * .pth or .safetensors give the same fingerprint (hex SHA-256 over sorted names, shapes and a
 * fixed sample of each tensor's values as float32).
 */
public record ModelIdentity(String fingerprint, VitArchitecture architecture) {
    public ModelIdentity {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(architecture, "architecture");
    }
}
