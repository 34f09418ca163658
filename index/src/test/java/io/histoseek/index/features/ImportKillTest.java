package io.histoseek.index.features;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL during real imports in child JVMs ({@link ImportChild}; each event waits for this test, so
 * the kill lands exactly after it): between a file's vector commit and its SQLite commit, half-way
 * through a file's batches after another file was committed, and during a re-import after the new
 * tiles' commit, before the replaced vectors are deleted. Each rerun ends with exactly the tiles
 * and vectors of an uninterrupted import, one vector per tile, no slide twice.
 */
class ImportKillTest {
    @TempDir
    Path dir;

    @Test
    void importsKilledAtAnyStepResumeToTheUninterruptedArchive() throws Exception {
        Path first = generated("first.h5", 2500, 1);
        Path second = generated("second.h5", 2500, 2);
        Path elsewhere = SharedFeatures.get(SharedFeatures.ELSEWHERE);
        String[] files = {first.toString(), second.toString(), elsewhere.toString()};
        Path reference = dir.resolve("reference");
        FeatureImportTest.importFiles(reference, java.util.Optional.empty(), java.util.Optional.empty(), first, second, elsewhere);
        Map<String, float[]> expected = FeatureImportTest.tilesWithVectors(reference);
        assertEquals(5040, expected.size());

        Path archive = dir.resolve("killed");
        List<String> seen = run(archive, line -> line.equals("step vectors committed"), files);
        assertTrue(seen.stream().noneMatch(line -> line.startsWith("file ")), seen.toString());
        assertEquals(List.of(0L, 2500L), counts(archive), "the first file's vectors are committed, its tiles not: invisible");

        seen = run(archive, new SecondBatchAfterCommit(), files);
        assertTrue(seen.getLast().startsWith("added 1024 second.h5"), seen.toString());
        assertEquals(2500, counts(archive).getFirst(), "the committed file stays, the cut one is not there");

        assertEquals("done", run(archive, line -> false, files).getLast());
        assertSame(expected, FeatureImportTest.tilesWithVectors(archive));

        // A re-import killed after the new tiles' commit, before the replaced vectors are deleted.
        run(archive, line -> line.equals("step tiles committed"), first.toString());
        assertEquals("done", run(archive, line -> false, files).getLast());
        assertSame(expected, FeatureImportTest.tilesWithVectors(archive));
    }

    /** Tiles and vectors of the archive's last commit. */
    private static List<Long> counts(Path archive) {
        try (Archive store = Archives.openForReading(archive)) {
            return List.of(store.counts().tiles(), store.vectors().count());
        }
    }

    private static void assertSame(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, vector) -> assertArrayEquals(vector, actual.get(key), key));
    }

    /** A features file of {@code rows} random 48-d rows on a grid of 224 px patches. */
    private Path generated(String name, int rows, long seed) {
        Random random = new Random(seed);
        long[][] coords = new long[rows][];
        float[][] features = new float[rows][48];
        for (int i = 0; i < rows; i++) {
            coords[i] = new long[] {224L * (i % 50), 224L * (i / 50)};
            for (int j = 0; j < 48; j++) features[i][j] = (float) random.nextGaussian();
        }
        Path file = dir.resolve("features").resolve(name);
        FeatureFileWriter.write(file, name, 224, OptionalDouble.of(20), coords, features);
        return file;
    }

    /** The second batch of second.h5, after first.h5 was committed. */
    private static final class SecondBatchAfterCommit implements Predicate<String> {
        private boolean committed;
        private int batches;

        @Override
        public boolean test(String line) {
            committed |= line.equals("file first.h5 imported");
            if (committed && line.startsWith("added ") && line.endsWith(" second.h5")) batches++;
            return batches == 2;
        }
    }

    private static List<String> run(Path archive, Predicate<String> killAt, String... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(), archive.toString()));
        command.addAll(List.of(files));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
            // The child went away while told to go on: killed or done either way.
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) child.destroyForcibly();
        }
        return lines;
    }
}
