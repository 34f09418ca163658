package io.histoseek.index.pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL at several moments of a run (starting up, inside a slide, right after a commit), each
 * time resuming in a fresh JVM: the archive ends with exactly the tiles of an uninterrupted run.
 */
class KillResumeTest {
    @Test
    void runsKilledAtAnyMomentResumeToExactlyTheUninterruptedTiles(@TempDir Path dir) throws Exception {
        Path folder = SmallFolder.create(dir.resolve("slides"));
        Path reference = dir.resolve("reference");
        Archives.index(reference, folder);
        List<String> expected = Archives.tiles(reference);
        assertTrue(expected.size() > 30, "the Aperio tissue gives ~50 tiles, got " + expected.size());

        Path archive = dir.resolve("killed");
        // While starting (model, archive creation), then at the first and a later batch of the slide.
        assertNotEquals("done", runChild(archive, folder, line -> false, 1500));
        assertNotEquals("done", runChild(archive, folder, line -> line.startsWith("tiles ") && !line.equals("tiles 0"), 0));
        assertNotEquals("done", runChild(archive, folder, new NthMatch(line -> line.startsWith("tiles "), 6), 0));
        // Right after the commit, before the index is saved and the broken slide is tried.
        assertNotEquals("done", runChild(archive, folder, line -> line.endsWith(" EMBEDDED"), 0));
        assertEquals("done", runChild(archive, folder, line -> false, 0));
        assertEquals(expected, Archives.tiles(archive));
    }

    /**
     * Runs the indexer in a child JVM; kills it (SIGKILL) at the first line {@code killAt} accepts,
     * or after {@code killAfterMillis} when that is positive. Returns the last line it printed.
     */
    private static String runChild(Path archive, Path folder, Predicate<String> killAt, long killAfterMillis)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), IndexingChild.class.getName(),
                archive.toString(), SharedData.tinyCheckpoint().toString(), folder.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
        if (killAfterMillis > 0) {
            CompletableFuture.delayedExecutor(killAfterMillis, TimeUnit.MILLISECONDS).execute(child::destroyForcibly);
        }
        String last = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                last = line;
                if (killAt.test(line)) {
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        return last;
    }

    private static final class NthMatch implements Predicate<String> {
        private final Predicate<String> match;
        private int left;

        NthMatch(Predicate<String> match, int n) {
            this.match = match;
            this.left = n;
        }

        @Override
        public boolean test(String line) {
            return match.test(line) && --left == 0;
        }
    }
}
