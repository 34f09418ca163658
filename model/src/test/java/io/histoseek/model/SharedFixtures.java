package io.histoseek.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test data (../shared next to the checkout; surefire passes -Dhistoseek.shared). */
public final class SharedFixtures {
    private SharedFixtures() {}

    public static Path shared() {
        String property = System.getProperty("histoseek.shared");
        Path dir = property != null ? Path.of(property) : Path.of("..", "..", "shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("fixtures"))) {
            Path fromModule = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared");
            if (property == null && Files.isDirectory(fromModule.resolve("fixtures"))) {
                return fromModule;
            }
            throw new IllegalStateException("shared test data not found at " + dir + " (set -Dhistoseek.shared)");
        }
        return dir;
    }

    public static Path model(String file) {
        Path path = shared().resolve("fixtures/model").resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("missing shared fixture " + path);
        }
        return path;
    }
}
