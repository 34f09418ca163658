package io.histoseek.app.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Histoseek keeps its settings and its data, following the XDG base directories:
 * {@code $XDG_CONFIG_HOME/histoseek} (default {@code ~/.config/histoseek}) and
 * {@code $XDG_DATA_HOME/histoseek} (default {@code ~/.local/share/histoseek}).
 */
public record AppDirs(Path configDir, Path dataDir) {
    public static AppDirs fromEnvironment() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static AppDirs from(Map<String, String> env, Path home) {
        return new AppDirs(
                base(env.get("XDG_CONFIG_HOME"), home.resolve(".config")).resolve("histoseek"),
                base(env.get("XDG_DATA_HOME"), home.resolve(".local/share")).resolve("histoseek"));
    }

    /** The one settings file: {@code histoseek.properties} in the config folder. */
    public Path configFile() {
        return configDir.resolve("histoseek.properties");
    }

    /** Where {@code histoseek model download} puts checkpoints by default. */
    public Path modelsDir() {
        return dataDir.resolve("models");
    }

    // The XDG spec says relative values are invalid and must be ignored.
    private static Path base(String value, Path fallback) {
        if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
            return fallback;
        }
        return Path.of(value);
    }
}
