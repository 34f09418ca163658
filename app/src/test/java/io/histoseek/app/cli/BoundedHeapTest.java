package io.histoseek.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap does not grow with the archive: a slide of 8,000 1536-d tiles (49 MB of float vectors)
 * is written by a JVM with a 32 MB heap, and `search` answers on it with a 24 MB heap (the vectors
 * stay memory-mapped; bench/archive.sh checks 100k tiles at 256 MB).
 */
class BoundedHeapTest {
    static final int TILES = 8_000;

    @TempDir
    Path dir;

    private static String java(String heap, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);
        return output;
    }

    @Test
    void aSlideBiggerThanTheHeapIsWrittenAndSearchedOnASmallHeap() throws Exception {
        Path archive = dir.resolve("archive");
        String built = java("32m", List.of(SyntheticArchive.class.getName(), archive.toString(), "1", Integer.toString(TILES)));
        assertTrue(built.contains("done"), built);
        String found = java("24m", List.of("io.histoseek.app.Main", "search", "--archive", archive.toString(),
                "--slide", "s0.svs", "--x", "5000", "--y", "5000"));
        List<String> rows = found.lines().filter(line -> line.matches("\\d+\\t.*")).toList();
        assertEquals(10, rows.size(), found);
        assertTrue(rows.getFirst().startsWith("1\t1.000000\t") && rows.getFirst().endsWith("\t4928\t4928"), found);
        ArchiveCommandsTest.Result info = ArchiveCommandsTest.run("info", "--archive", archive.toString());
        assertEquals(Integer.toString(TILES), info.keys().get("index_vectors"), info.out());
    }
}
