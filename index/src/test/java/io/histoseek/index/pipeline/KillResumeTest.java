package io.histoseek.index.pipeline;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.WriterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL at chosen steps of real runs in child JVMs (each event of the child waits for this test,
 * so a kill lands exactly after it): between a slide's vector commit and its SQLite commit, in the
 * middle of a slide's batches after another slide was committed, after a re-indexed slide's SQLite
 * commit before its replaced vectors are deleted, and in the middle of a removal. After each kill
 * the archive reads as its last committed state; after the reruns it holds exactly the tiles of
 * uninterrupted runs, one vector each.
 */
class KillResumeTest {
    static final String CHANGED = "constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif";

    @Test
    void runsKilledAtAnyStepResumeToExactlyTheUninterruptedTiles(@TempDir Path dir) throws Exception {
        Path folder = SmallFolder.createWithTiffCopy(dir.resolve("slides"));
        Path reference = dir.resolve("reference");
        Archives.index(reference, folder);
        List<String> expected = Archives.tiles(reference);
        List<String> aperio = ofSlide(expected, SmallFolder.APERIO);
        assertTrue(aperio.size() > 30 && ofSlide(expected, SmallFolder.TIFF).size() > 30, expected.size() + " tiles");

        Path archive = dir.resolve("killed");
        // Between the Aperio slide's vector commit and its SQLite commit: vectors without tiles, invisible.
        List<String> seen = runChild(archive, folder, line -> line.equals("step vectors committed"));
        assertTrue(seen.stream().noneMatch(line -> line.startsWith("slide ")), seen.toString());
        assertEquals(List.of(), Archives.tiles(archive));
        assertEquals(aperio.size(), Archives.vectors(archive), "the kill landed after the vector commit");

        // Mid-way through the TIFF's batches, after this run committed the Aperio slide.
        seen = runChild(archive, folder, new BatchAfterCommit(SmallFolder.TIFF));
        assertTrue(seen.getLast().endsWith(" " + SmallFolder.TIFF), seen.toString());
        assertEquals(aperio, Archives.tiles(archive), "the committed slide stays, the cut one is rolled back");
        assertEquals(aperio.size(), Archives.vectors(archive), "the first kill's stray vectors are gone");

        assertEquals("done", runChild(archive, folder, line -> false).getLast());
        assertExactly(expected, archive);

        // Re-index a changed slide: killed after its new tiles' SQLite commit, before its old vectors are deleted.
        SmallFolder.copy(SharedData.slides().resolve(CHANGED), folder.resolve(SmallFolder.TIFF));
        Archives.index(reference, folder);
        try (ArchiveWriter writer = io.histoseek.index.archive.Archives.openForWriting(reference, WriterOptions.of("test"))) {
            assertTrue(writer.removeSlide(SmallFolder.APERIO));
        }
        List<String> expectedAfter = Archives.tiles(reference);
        runChild(archive, folder, line -> line.equals("step tiles committed"));
        List<String> changed = ofSlide(expectedAfter, SmallFolder.TIFF);
        assertEquals(changed, ofSlide(Archives.tiles(archive), SmallFolder.TIFF));
        assertTrue(Archives.vectors(archive) > Archives.tiles(archive).size(), "old vectors still wait for their delete");

        // A removal killed between its SQLite delete and its vector delete; the rerun finds the slide gone and mends.
        runRemoval(archive, line -> line.equals("step slide rows removed"));
        assertEquals(expectedAfter, Archives.tiles(archive));
        assertEquals("done", runRemoval(archive, line -> false).getLast());
        assertExactly(expectedAfter, archive);
    }

    private static List<String> ofSlide(List<String> tiles, String slide) {
        return tiles.stream().filter(t -> t.startsWith(slide + "\t")).toList();
    }

    /** The tiles are exactly {@code expected}, each with one vector. */
    private static void assertExactly(List<String> expected, Path archive) {
        assertEquals(expected, Archives.tiles(archive));
        try (Archive store = Archives.open(archive)) {
            Set<Long> ids = new HashSet<>();
            long[] vectors = new long[1];
            store.vectors().forEachTileId(id -> {
                vectors[0]++;
                ids.add(id);
            });
            assertEquals(expected.size(), vectors[0], "one vector per tile");
            assertEquals(vectors[0], ids.size(), "no tile twice");
            assertEquals(ids, new HashSet<>(store.locations(ids).keySet()), "every vector has its tile");
        }
    }

    /** The first batch of {@code slide} handed to the writer after a slide's tiles were committed in this run. */
    private static final class BatchAfterCommit implements Predicate<String> {
        private final String slide;
        private boolean committed;

        BatchAfterCommit(String slide) {
            this.slide = slide;
        }

        @Override
        public boolean test(String line) {
            committed |= line.equals("step tiles committed");
            return committed && line.startsWith("tiles ") && line.endsWith(" " + slide);
        }
    }

    private static List<String> runChild(Path archive, Path folder, Predicate<String> killAt) throws Exception {
        return run(killAt, archive.toString(), SharedData.tinyCheckpoint().toString(), folder.toString(), "--stepwise");
    }

    private static List<String> runRemoval(Path archive, Predicate<String> killAt) throws Exception {
        return run(killAt, "--remove", archive.toString(), SmallFolder.APERIO, "--stepwise");
    }

    /**
     * Runs {@link IndexingChild}, letting it past each event line until {@code killAt} accepts one:
     * then SIGKILL, right there. Returns the lines it printed.
     */
    private static List<String> run(Predicate<String> killAt, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), IndexingChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             OutputStream goOn = child.getOutputStream()) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (killAt.test(line)) {
                    child.destroyForcibly();
                    break;
                }
                goOn.write('\n');
                goOn.flush();
            }
        } catch (IOException e) {
            // The child went away while told to go on: it is killed or done either way.
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) child.destroyForcibly();
        }
        return lines;
    }
}
