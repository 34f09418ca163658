package io.histoseek.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny H-optimus-0-shaped checkpoint from the shared test data. */
final class SharedFixture {
    private SharedFixture() {}

    static Path tinyCheckpoint() {
        String configured = System.getProperty("histoseek.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path file = root.resolve("fixtures/model/tiny-hoptimus.pth").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared test data missing: " + file + " (set -Dhistoseek.shared)");
        }
        return file;
    }
}
