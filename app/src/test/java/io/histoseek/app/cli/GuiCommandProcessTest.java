package io.histoseek.app.cli;

import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.WriterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `histoseek gui` as its own process: it starts, opens the archive it was given (which it only
 * does once its window is shown) and remembers it, and SIGTERM closes it with status 0.
 */
class GuiCommandProcessTest {
    @TempDir
    Path dir;

    @Test
    void opensTheWindowAndExitsCleanlyOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("gui.log");
        Path archive = dir.resolve("archive");
        Archives.openForWriting(archive, WriterOptions.of("test").creatingWithRoot(dir)).close();
        Path settings = dir.resolve("config/histoseek.properties");
        Process gui = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Dprism.order=sw",
                "-Dhistoseek.config.dir=" + settings.getParent(), "-cp", System.getProperty("java.class.path"),
                "io.histoseek.app.Main", "gui", "--archive", archive.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!remembers(settings, archive) && System.nanoTime() < deadline && gui.isAlive()) {
                Thread.sleep(250);
            }
            assertTrue(remembers(settings, archive), "the window opened the archive; log: " + Files.readString(log, StandardCharsets.UTF_8));
            gui.destroy(); // SIGTERM
            assertTrue(gui.waitFor(30, TimeUnit.SECONDS), "exits after SIGTERM");
            assertEquals(0, gui.exitValue(), "SIGTERM is an orderly close; log: " + Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            gui.destroyForcibly();
        }
    }

    @Test
    void refusesAnArchiveThatIsNotThere() {
        java.io.StringWriter err = new java.io.StringWriter();
        int status = HistoseekCommand.run(new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true),
                "gui", "--archive", dir.resolve("nope").toString());
        assertEquals(1, status);
        assertEquals("histoseek: " + dir.resolve("nope") + ": no such archive folder", err.toString().strip());
    }

    private static boolean remembers(Path settings, Path archive) throws IOException {
        return Files.exists(settings) && Files.readString(settings).contains(archive.toString().replace(":", "\\:"));
    }
}
