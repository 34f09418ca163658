package io.histoseek.index.pipeline;

import io.histoseek.index.store.ArchiveStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL at several moments of a run (starting up, inside a slide, right after a commit), each
 * time resuming in a fresh JVM: the archive ends with exactly the tiles of an uninterrupted run.
 */
class KillResumeTest {
    @Test
    void runsKilledAtAnyMomentResumeToExactlyTheUninterruptedTiles(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals("done", runChild(reference, line -> false));
        List<String> expected = tiles(reference);
        assertTrue(expected.size() > 200, "the shared slides give hundreds of tiles, got " + expected.size());

        Path archive = dir.resolve("killed");
        List<Predicate<String>> killPoints = List.of(
                line -> line.startsWith("tiles ") && !line.equals("tiles 0"),   // inside the first slide
                line -> line.startsWith("slide ") && line.endsWith(" EMBEDDED"), // just after a commit
                new NthMatch(line -> line.startsWith("tiles "), 40),            // deep inside a later slide
                new NthMatch(line -> line.endsWith(" EMBEDDED"), 2));           // after two more commits
        for (Predicate<String> killPoint : killPoints) {
            String last = runChild(archive, killPoint);
            assertTrue(!last.equals("done"), "the child finished before it could be killed");
        }
        assertEquals("done", runChild(archive, line -> false));
        assertEquals(expected, tiles(archive));
    }

    /** Runs the indexer in a child JVM; kills it (SIGKILL) at the first line {@code killAt} accepts. */
    private static String runChild(Path archive, Predicate<String> killAt) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), IndexingChild.class.getName(),
                archive.toString(), SharedData.tinyCheckpoint().toString(), SharedData.slides().toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
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

    static List<String> tiles(Path archive) {
        List<String> tiles = new ArrayList<>();
        try (ArchiveStore store = ArchiveStore.open(archive)) {
            store.forEachTile((slide, tile) -> tiles.add(slide + "\t" + tile.x() + "\t" + tile.y()));
        }
        return tiles;
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
