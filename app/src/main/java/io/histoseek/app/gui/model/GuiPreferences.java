package io.histoseek.app.gui.model;

import io.histoseek.app.config.AppConfig;
import io.histoseek.app.config.AppDirs;
import io.histoseek.app.config.RegisteredModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the desktop app remembers between runs (last archive, checkpoint, device, precision), kept
 * in the settings file shared with the command line ({@link AppDirs#configFile()}, XDG config
 * folder) under {@code gui.*} keys. A settings file that cannot be read starts empty; a failed
 * save loses only the preference.
 */
public final class GuiPreferences {
    public static final String ARCHIVE = "gui.archive";
    public static final String CHECKPOINT = "gui.checkpoint";
    public static final String DEVICE = "gui.device";
    public static final String PRECISION = "gui.precision";

    private final AppConfig config;

    public GuiPreferences(Path file) {
        this.config = load(file);
    }

    /** An unreadable settings file is moved aside (kept for the user to look at) and the app starts with defaults. */
    private static AppConfig load(Path file) {
        try {
            return AppConfig.load(file);
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            System.err.println("histoseek: " + e.getMessage() + "; moved to " + aside + ", starting with default settings");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                return AppConfig.load(file);
            } catch (IOException moveFailed) {
                throw new UncheckedIOException(file + ": unreadable settings file that cannot be moved aside", moveFailed);
            }
        }
    }

    /** This user's settings; {@code -Dhistoseek.config.dir} points tests at a folder of their own. */
    public static GuiPreferences forUser() {
        String override = System.getProperty("histoseek.config.dir");
        Path file = override != null && !override.isBlank() ? Path.of(override, "histoseek.properties")
                : AppDirs.fromEnvironment().configFile();
        return new GuiPreferences(file);
    }

    public Path file() {
        return config.file();
    }

    public synchronized Optional<String> get(String key) {
        return config.get(key);
    }

    public Optional<Path> path(String key) {
        return get(key).map(Path::of);
    }

    /** The checkpoint last used in the app, else the one set up with {@code histoseek model}. */
    public Optional<Path> checkpoint() {
        return path(CHECKPOINT).or(() -> RegisteredModel.from(config).map(RegisteredModel::checkpoint));
    }

    public synchronized void put(String key, String value) {
        config.set(key, value);
        save();
    }

    /**
     * Takes in a model just registered by {@link io.histoseek.app.setup.ModelSetup}, which wrote
     * the settings file behind these preferences' back: without this a later save would drop it.
     */
    public synchronized void remember(RegisteredModel model) {
        model.writeTo(config);
        save();
    }

    private void save() {
        try {
            config.save();
        } catch (IOException e) {
            System.err.println("histoseek: " + config.file() + ": cannot save preferences (" + e.getMessage() + ")");
        }
    }
}
