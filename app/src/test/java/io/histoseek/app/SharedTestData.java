package io.histoseek.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test data folder: system property {@code histoseek.shared} (surefire sets it), else ../shared. */
public final class SharedTestData {
    private SharedTestData() {}

    /** An absolute, normalised path to a file under the shared folder; fails loudly if it is missing. */
    public static Path path(String relative) {
        String configured = System.getProperty("histoseek.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path file = root.resolve(relative).toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new IllegalStateException("shared test data missing: " + file + " (set -Dhistoseek.shared)");
        }
        return file;
    }

    public static Path slides() {
        return path("data/slides");
    }

    public static Path tinyCheckpoint() {
        return path("fixtures/model/tiny-hoptimus.pth");
    }
}
