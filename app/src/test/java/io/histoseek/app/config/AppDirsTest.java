package io.histoseek.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppDirsTest {
    private static final Path HOME = Path.of("/home/pat");

    @Test
    void followsXdgVariables() {
        AppDirs dirs = AppDirs.from(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), HOME);
        assertEquals(Path.of("/cfg/histoseek/histoseek.properties"), dirs.configFile());
        assertEquals(Path.of("/data/histoseek/models"), dirs.modelsDir());
    }

    @Test
    void fallsBackToHomeWhenUnsetOrRelative() {
        AppDirs dirs = AppDirs.from(Map.of("XDG_DATA_HOME", "relative/data"), HOME);
        assertEquals(Path.of("/home/pat/.config/histoseek"), dirs.configDir());
        assertEquals(Path.of("/home/pat/.local/share/histoseek/models"), dirs.modelsDir());
    }

    @Test
    void registeredModelSurvivesASaveAndLoad(@TempDir Path temp) throws IOException {
        AppDirs dirs = new AppDirs(temp.resolve("config"), temp.resolve("data"));
        AppConfig config = AppConfig.load(dirs).set("gui.lastFolder", "/slides");
        RegisteredModel model = new RegisteredModel(Path.of("/models/h-optimus-0.pth"), 4_540_000_000L,
                "H-optimus-0 ViT(...)", Instant.parse("2026-01-02T03:04:05Z"));
        model.writeTo(config);
        config.save();

        AppConfig loaded = AppConfig.load(dirs);
        assertEquals(model, RegisteredModel.from(loaded).orElseThrow());
        assertEquals("/slides", loaded.get("gui.lastFolder").orElseThrow());
        try (var files = Files.list(dirs.configDir())) {
            assertEquals(1, files.count(), "no temp file left next to the settings");
        }
    }

    @Test
    void handEditedNonsenseReadsAsUnknownInsteadOfFailing(@TempDir Path temp) throws IOException {
        Path file = temp.resolve("histoseek.properties");
        Files.writeString(file, "model.checkpoint=/m.pth\nmodel.size=big\nmodel.verifiedAt=yesterday\n");
        RegisteredModel model = RegisteredModel.from(AppConfig.load(file)).orElseThrow();
        assertEquals(-1, model.sizeBytes());
        assertTrue(model.identity().isEmpty());
    }
}
