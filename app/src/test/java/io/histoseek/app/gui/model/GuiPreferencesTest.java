package io.histoseek.app.gui.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuiPreferencesTest {
    @TempDir
    Path dir;

    @Test
    void persistsBetweenRuns() {
        Path file = dir.resolve("histoseek/histoseek.properties");
        GuiPreferences first = new GuiPreferences(file);
        first.put(GuiPreferences.ARCHIVE, "/data/archive");
        first.put(GuiPreferences.CHECKPOINT, "/models/h.pth");
        first.put(GuiPreferences.DEVICE, "CPU");
        GuiPreferences second = new GuiPreferences(file);
        assertEquals("/data/archive", second.get(GuiPreferences.ARCHIVE).orElseThrow());
        assertEquals(Path.of("/models/h.pth"), second.checkpoint().orElseThrow());
        assertEquals("CPU", second.get(GuiPreferences.DEVICE).orElseThrow());
    }

    @Test
    void fallsBackToTheCheckpointSetUpOnTheCommandLine() throws Exception {
        Path file = dir.resolve("histoseek.properties");
        Files.writeString(file, "model.checkpoint=/models/registered.pth\n");
        assertEquals(Path.of("/models/registered.pth"), new GuiPreferences(file).checkpoint().orElseThrow());
    }

    @Test
    void anUnreadableFileIsMovedAsideAndTheAppStartsEmpty() throws Exception {
        Path file = dir.resolve("histoseek.properties");
        Files.writeString(file, "bad=\\u12");
        GuiPreferences preferences = new GuiPreferences(file);
        assertTrue(preferences.get(GuiPreferences.ARCHIVE).isEmpty());
        assertTrue(Files.exists(dir.resolve("histoseek.properties.unreadable")));
        preferences.put(GuiPreferences.ARCHIVE, "/a");
        assertEquals("/a", new GuiPreferences(file).get(GuiPreferences.ARCHIVE).orElseThrow());
    }
}
