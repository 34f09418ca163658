package io.histoseek.app.cli;

import io.histoseek.app.config.AppDirs;
import io.histoseek.app.SharedTestData;
import io.histoseek.app.setup.LoaderVerifier;
import io.histoseek.app.setup.ModelSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command finds the registered checkpoint: --checkpoint, then the variable, then the settings. */
class ModelOptionsFallbackTest {
    @TempDir
    Path home;

    @Test
    void registeredModelIsTheLastFallback() throws IOException {
        Map<String, String> environment = Map.of("HOME", home.toString());
        ModelOptions options = new ModelOptions();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> options.resolveCheckpoint(environment));
        assertEquals("no checkpoint: run `histoseek model download` or `histoseek model use FILE` once,"
                + " or give --checkpoint FILE or set HISTOSEEK_CHECKPOINT", none.getMessage());

        Path fixture = SharedTestData.tinyCheckpoint();
        new ModelSetup(AppDirs.from(environment, home), new LoaderVerifier()).use(fixture);

        assertEquals(fixture, options.resolveCheckpoint(environment));
        assertEquals(Path.of("/env.pth"), options.resolveCheckpoint(
                Map.of("HOME", home.toString(), ModelOptions.CHECKPOINT_ENV, "/env.pth")));
        options.checkpoint = Path.of("given.pth");
        assertEquals(Path.of("given.pth"), options.resolveCheckpoint(environment));
    }

    @Test
    void registeredCheckpointThatWasDeletedSaysSo() throws IOException {
        Map<String, String> environment = Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(),
                "HOME", home.resolve("elsewhere").toString());
        Path copy = Files.copy(SharedTestData.tinyCheckpoint(), home.resolve("copy.pth"));
        new ModelSetup(AppDirs.from(environment, home.resolve("elsewhere")), new LoaderVerifier()).use(copy);
        Files.delete(copy);

        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> new ModelOptions().resolveCheckpoint(environment));
        assertTrue(gone.getMessage().startsWith(copy + ": the registered checkpoint is gone"), gone.getMessage());
    }
}
