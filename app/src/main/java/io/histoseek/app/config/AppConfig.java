package io.histoseek.app.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The user's settings: a small properties file (see {@link AppDirs#configFile()}) shared by the
 * command line and the GUI. Saved atomically, so a crash never leaves half a file.
 */
public final class AppConfig {
    private final Path file;
    private final Properties values;

    private AppConfig(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    public static AppConfig load(AppDirs dirs) throws IOException {
        return load(dirs.configFile());
    }

    public static AppConfig load(Path file) throws IOException {
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (NoSuchFileException e) {
            // first run: no settings yet
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a readable settings file (" + e.getMessage() + ")", e);
        }
        return new AppConfig(file, values);
    }

    public Path file() {
        return file;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key)).filter(value -> !value.isBlank());
    }

    public AppConfig set(String key, String value) {
        values.setProperty(key, value);
        return this;
    }

    public AppConfig remove(String key) {
        values.remove(key);
        return this;
    }

    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                values.store(out, "Histoseek settings");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
