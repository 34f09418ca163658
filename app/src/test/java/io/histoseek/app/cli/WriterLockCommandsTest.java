package io.histoseek.app.cli;

import io.histoseek.app.cli.ArchiveCommandsTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.histoseek.app.cli.ArchiveCommandsTest.APERIO;
import static io.histoseek.app.cli.ArchiveCommandsTest.checkpoint;
import static io.histoseek.app.cli.ArchiveCommandsTest.copySlides;
import static io.histoseek.app.cli.ArchiveCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writers of one archive as real processes: one at a time, the second waits or refuses in one line; readers go on. */
class WriterLockCommandsTest {
    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err) {
    }

    private static Process index(Path archive, Path folder, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "io.histoseek.app.Main",
                "index", folder.toString(), "--archive", archive.toString(), "--checkpoint", checkpoint().toString(),
                "--heads", "3", "--threads", "2", "--batch-size", "8"));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).start();
    }

    private static CompletableFuture<Outcome> outcome(Process process) {
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        return CompletableFuture.supplyAsync(() -> {
            String out = read(process.getInputStream());
            try {
                if (!process.waitFor(180, TimeUnit.SECONDS)) process.destroyForcibly();
                return new Outcome(process.waitFor(), out, err.join());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, String> keys(String out) {
        return new Result(0, out, "").keys();
    }

    @Test
    void twoIndexRunsStartedTogetherOnANewArchive() throws Exception {
        Path folder = copySlides(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        List<Outcome> both = List.of(outcome(index(archive, folder)), outcome(index(archive, folder))).stream()
                .map(CompletableFuture::join).toList();
        Pattern refusal = Pattern.compile("histoseek: archive " + Pattern.quote(archive.toString())
                + " is being written by process \\d+ \\(index started \\d\\d:\\d\\d\\); try again when it ends\\n");
        int embedded = 0;
        for (Outcome run : both) {
            assertTrue(run.exit() == 0 || run.exit() == 1, "exit " + run.exit() + ": " + run.err());
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
            if (run.exit() == 1) {
                assertTrue(refusal.matcher(run.err().replace("WARNING: Using incubator modules: jdk.incubator.vector\n", ""))
                        .matches(), run.err());
            } else {
                embedded += Integer.parseInt(keys(run.out()).get("slides_embedded"));
            }
        }
        assertTrue(both.stream().anyMatch(run -> run.exit() == 0), both.toString());
        assertEquals(2, embedded, "each slide embedded once: " + both);
        assertConsistent(archive);

        // Told to wait, a second writer runs once the first is done, and finds nothing left to do.
        Path again = dir.resolve("again");
        List<Outcome> waiting = List.of(outcome(index(again, folder, "--wait", "180")),
                outcome(index(again, folder, "--wait", "180"))).stream().map(CompletableFuture::join).toList();
        for (Outcome run : waiting) assertEquals(0, run.exit(), run.err());
        Pattern waitLine = Pattern.compile("(?m)^waiting: the archive is being written by process \\d+ \\(index started \\d\\d:\\d\\d\\); this run starts when it ends$");
        assertEquals(1, waiting.stream().filter(run -> waitLine.matcher(run.err()).find()).count(),
                "the run that waited said for whom, once: " + waiting);
        assertEquals(2, waiting.stream().mapToInt(run -> Integer.parseInt(keys(run.out()).get("slides_embedded"))).sum());
        assertEquals(run("tiles", "--archive", archive.toString()).out(), run("tiles", "--archive", again.toString()).out());
        assertConsistent(again);
    }

    private static void assertConsistent(Path archive) {
        Map<String, String> info = run("info", "--archive", archive.toString()).keys();
        assertEquals("2", info.get("slides_indexed"), info.toString());
        assertEquals(info.get("tiles"), info.get("index_vectors"));
        assertEquals("102", info.get("tiles"), "51 tiles of each slide, once: " + info);
    }

    @Test
    void readersAnswerWhileAWriterHoldsTheArchive() throws Exception {
        Path folder = copySlides(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        Process writer = index(archive, folder);
        CompletableFuture<Outcome> finished = outcome(writer);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!"1".equals(run("info", "--archive", archive.toString()).keys().get("slides_indexed"))) {
                assertTrue(System.nanoTime() < deadline && writer.isAlive(), "the writer committed its first slide");
                Thread.sleep(50);
            }
            // Frozen while it holds the writer lock, whatever it was doing: the reads below really overlap the write.
            new ProcessBuilder("kill", "-STOP", Long.toString(writer.pid())).start().waitFor();
            assertTrue(writer.isAlive());
            Result info = run("info", "--archive", archive.toString());
            assertEquals(0, info.exit(), info.err());
            assertEquals("1", info.keys().get("slides_indexed"), "still mid-run: " + info.out());
            assertEquals(info.keys().get("tiles"), info.keys().get("index_vectors"));
            String[] tile = run("tiles", "--archive", archive.toString()).lines().get(10).split("\t");
            Result search = run("search", "--archive", archive.toString(), "--slide", folder.resolve(APERIO).toString(),
                    "--x", tile[1], "--y", tile[2], "-k", "3");
            assertEquals(0, search.exit(), search.err());
            assertEquals(3, search.lines().size(), search.out());
            assertTrue(search.lines().getFirst().endsWith("\t" + tile[1] + "\t" + tile[2]), search.out());
            Result remove = run("remove", "--archive", archive.toString(), APERIO);
            assertEquals(1, remove.exit(), "a second writer is refused: " + remove.out());
            assertTrue(remove.err().contains("is being written by process " + writer.pid() + " (index started"), remove.err());
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(writer.pid())).start().waitFor();
        }
        assertEquals(0, finished.join().exit(), finished.join().err());
        assertConsistent(archive);
    }
}
