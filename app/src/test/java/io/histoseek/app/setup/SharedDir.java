package io.histoseek.app.setup;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test data folder (system property {@code histoseek.shared}, else ../shared). */
final class SharedDir {
    private SharedDir() {}

    static Path path(String relative) {
        String configured = System.getProperty("histoseek.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("shared test data missing: " + file.toAbsolutePath()
                    + " (set -Dhistoseek.shared)");
        }
        return file;
    }
}
