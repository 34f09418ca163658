package io.histoseek.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `histoseek gui` as its own process: the window appears on the display, and SIGTERM closes it with status 0. */
class GuiCommandProcessTest {
    @TempDir
    Path dir;

    @Test
    void opensTheWindowAndExitsCleanlyOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("gui.log");
        Process gui = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Dprism.order=sw",
                "-Dhistoseek.config.dir=" + dir.resolve("config"), "-cp", System.getProperty("java.class.path"),
                "io.histoseek.app.Main", "gui")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!windowListed() && System.nanoTime() < deadline && gui.isAlive()) {
                Thread.sleep(250);
            }
            assertTrue(windowListed(), "a window titled Histoseek appears; log: " + Files.readString(log, StandardCharsets.UTF_8));
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

    private static boolean windowListed() throws IOException, InterruptedException {
        Process tree = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true).start();
        String listing = new String(tree.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        tree.waitFor();
        return List.of(listing.split("\n")).stream().anyMatch(line -> line.contains("\"Histoseek"));
    }
}
