package io.histoseek.app.cli;

import io.histoseek.app.config.AppDirs;
import io.histoseek.app.SharedTestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code histoseek model use/status} as a user runs them, with settings in a temp folder. */
class ModelCommandTest {
    @TempDir
    Path home;

    private AppDirs dirs;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() {
        dirs = new AppDirs(home.resolve("config"), home.resolve("data"));
    }

    @Test
    void useRefusesABadFileWithOneLineAndRegistersNothing() throws IOException {
        Path bad = home.resolve("checkpoint.pth");
        Files.writeString(bad, "<html>Access Denied</html>");

        assertEquals(1, run("use", bad.toString()));

        assertEquals("histoseek: " + bad + ": not a PyTorch (.pth zip) or safetensors checkpoint\n", err.toString());
        assertFalse(Files.exists(dirs.configFile()));
        assertEquals(1, run("status"));
        assertTrue(out.toString().contains("checkpoint: none registered; run `histoseek model download`"), out.toString());
    }

    @Test
    void useThenStatusReportsTheCheckpointItsSizeAndThatItVerifies() {
        Path fixture = SharedTestData.tinyCheckpoint();

        assertEquals(0, run("use", fixture.toString()));
        assertTrue(err.toString().startsWith("histoseek: warning: " + fixture + ": not the H-optimus-0 architecture"),
                err.toString());

        assertEquals(0, run("status"));
        String status = out.toString();
        assertTrue(status.contains("checkpoint: " + fixture + "\n"), status);
        assertTrue(status.contains(String.format("size:       %,d bytes%n", 403_482)), status);
        assertTrue(status.contains("verified:   yes, ViT(dim 48, depth 2, heads 3"), status);
        assertTrue(status.contains("\ndevice:     "), status);
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ModelCommand(dirs));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new OneLineErrorHandler());
        return cli.execute(args);
    }
}
