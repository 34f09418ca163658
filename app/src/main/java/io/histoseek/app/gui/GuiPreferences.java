package io.histoseek.app.gui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the desktop app remembers between runs (last archive, checkpoint, device, precision), in
 * {@code $XDG_CONFIG_HOME/histoseek/gui.properties} ({@code ~/.config} when unset). Written
 * atomically, so a crash never leaves half a file; an unreadable file is treated as empty.
 */
public final class GuiPreferences {
    public static final String ARCHIVE = "archive";
    public static final String CHECKPOINT = "checkpoint";
    public static final String DEVICE = "device";
    public static final String PRECISION = "precision";

    private final Path file;
    private final Properties values = new Properties();

    public GuiPreferences(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    /** The preferences of this user: {@code histoseek.config.dir} if set (tests), else the XDG config folder. */
    public static GuiPreferences forUser() {
        return new GuiPreferences(configDir().resolve("gui.properties"));
    }

    static Path configDir() {
        String override = System.getProperty("histoseek.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("histoseek");
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key)).filter(v -> !v.isBlank());
    }

    public Optional<Path> path(String key) {
        return get(key).map(Path::of);
    }

    /** Sets and saves at once; a failed save only loses the preference, never the work. */
    public synchronized void put(String key, String value) {
        values.setProperty(key, value);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                values.store(out, "Histoseek desktop app preferences");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("histoseek: " + file + ": cannot save preferences (" + e.getMessage() + ")");
        }
    }
}
