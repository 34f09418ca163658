package io.histoseek.index.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared (the test data) the way every module's tests do; fails loudly when it is missing. */
final class SharedData {
    private SharedData() {}

    static Path root() {
        String property = System.getProperty("histoseek.shared");
        Path shared = property != null ? Path.of(property) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(shared.resolve("data/slides"))) {
            throw new IllegalStateException("test data not found at " + shared.toAbsolutePath()
                    + " (set -Dhistoseek.shared to the shared folder)");
        }
        return shared.toAbsolutePath().normalize();
    }

    static Path slides() {
        return root().resolve("data/slides");
    }

    static Path tinyCheckpoint() {
        return root().resolve("fixtures/model/tiny-hoptimus.pth");
    }
}
