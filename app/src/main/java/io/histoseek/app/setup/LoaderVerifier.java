package io.histoseek.app.setup;

import io.histoseek.model.CheckpointException;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.VitArchitecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Verifies with the encoder's own checkpoint reader ({@link Encoders#inspect}): every tensor name
 * and shape must form an H-optimus-0-style ViT. Other sizes (the test fixture) are accepted with a
 * warning, because they load, but give vectors unlike the real model's.
 */
public final class LoaderVerifier implements CheckpointVerifier {
    @Override
    public Verification verify(Path checkpoint) throws IOException {
        ModelIdentity identity;
        try {
            identity = Encoders.inspect(checkpoint, OptionalInt.empty());
        } catch (CheckpointException e) {
            throw new IOException(e.getMessage(), e);
        }
        boolean real = identity.architecture().equals(VitArchitecture.HOPTIMUS0.toString());
        String line = (real ? "H-optimus-0 " : "") + identity.architecture() + ", fingerprint " + identity.fingerprint();
        String warning = real ? "" : "not the H-optimus-0 architecture " + VitArchitecture.HOPTIMUS0
                + "; it loads, but its vectors will not match the real model's";
        return new Verification(line, warning);
    }
}
