package io.histoseek.app.setup;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a checkpoint the way the encoder will and says what it is, or why it cannot be used. */
@FunctionalInterface
public interface CheckpointVerifier {
    /**
     * @return what was recognised; a warning in it when the model loads but is not the real
     *         H-optimus-0 (e.g. a smaller test model)
     * @throws IOException with a one-line message naming the file and the problem
     */
    Verification verify(Path checkpoint) throws IOException;

    /**
     * @param identity one line: architecture, tensor count, precision
     * @param warning  empty, or one line on why this is not the model Histoseek expects
     */
    record Verification(String identity, String warning) {
        public boolean hasWarning() {
            return !warning.isEmpty();
        }
    }
}
