package io.histoseek.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.histoseek.app.SharedTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive commands as a user runs them, on copies of the Aperio slide, its 0.5 um/px TIFF and a broken slide. */
class ArchiveCommandsTest {
    static final String APERIO = "a/cmu.svs";
    static final String TIFF = "b/cmu-0.5mpp.tif";
    static final String BROKEN = "b/unreadable.svs";

    @TempDir
    static Path dir;
    static Path folder;
    static Path archive;

    static Path checkpoint() {
        return SharedTestData.tinyCheckpoint();
    }

    static Path copySlides(Path target) throws IOException {
        Path slides = SharedTestData.slides();
        copy(slides.resolve("CMU-1-Small-Region.svs"), target.resolve(APERIO));
        copy(slides.resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif"), target.resolve(TIFF));
        copy(slides.resolve("invalid/unreadable.svs"), target.resolve(BROKEN));
        return target.toRealPath();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    record Result(int exit, String out, String err) {
        Map<String, String> keys() {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    keys.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            return keys;
        }

        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Result index(Path archive, Path folder) {
        return run("index", folder.toString(), "--archive", archive.toString(), "--checkpoint", checkpoint().toString(),
                "--heads", "3", "--threads", "2", "--batch-size", "8");
    }

    @BeforeAll
    static void indexTheSlides() throws IOException {
        folder = copySlides(dir.resolve("slides"));
        archive = dir.resolve("archive");
        Result result = index(archive, folder);
        assertEquals(0, result.exit(), result.err());
        assertEquals("2", result.keys().get("slides_embedded"), result.out());
        assertEquals("1", result.keys().get("slides_failed"), result.out());
        assertTrue(result.err().contains("failed: " + BROKEN + ": "), result.err());
    }

    @Test
    void infoCountsTheArchiveAndListsFailures() {
        Result info = run("info", "--archive", archive.toString(), "--failures");
        assertEquals(0, info.exit(), info.err());
        Map<String, String> keys = info.keys();
        assertEquals("2", keys.get("slides_indexed"));
        assertEquals("1", keys.get("slides_failed"));
        assertEquals(keys.get("tiles"), keys.get("index_vectors"));
        assertTrue(Integer.parseInt(keys.get("index_segments")) <= 2, "a segment per committed slide at most: " + info.out());
        assertEquals("102", keys.get("tiles"), "51 tissue tiles in each copy of the CMU section; " + info.out());
        assertTrue(keys.get("checkpoint").matches("[0-9a-f]{64}"), info.out());
        assertTrue(info.lines().contains("failed: " + folder.resolve(BROKEN) + ": read of 16x16 at (0, 0) level 0 failed: Bogus marker length"),
                info.out());
    }

    @Test
    void tilesPrintsEveryTileWithItsAbsoluteSlidePath() {
        Result tiles = run("tiles", "--archive", archive.toString());
        assertEquals(0, tiles.exit(), tiles.err());
        List<String> lines = tiles.lines();
        assertEquals(run("info", "--archive", archive.toString()).keys().get("tiles"), Integer.toString(lines.size()));
        for (String line : lines) {
            String[] fields = line.split("\t");
            assertEquals(3, fields.length, line);
            assertTrue(fields[0].equals(folder.resolve(APERIO).toString()) || fields[0].equals(folder.resolve(TIFF).toString()), line);
            Long.parseLong(fields[1]);
            Long.parseLong(fields[2]);
        }
    }

    @Test
    void searchRanksTheSameTissueOfTheCopyFirst() throws IOException {
        String[] tile = run("tiles", "--archive", archive.toString()).lines().get(20).split("\t");
        long x = Long.parseLong(tile[1]) + 50;
        long y = Long.parseLong(tile[2]) + 50;
        for (String slide : List.of(folder.resolve(APERIO).toString(), APERIO)) {
            Result search = run("search", "--archive", archive.toString(), "--slide", slide, "--x", Long.toString(x),
                    "--y", Long.toString(y), "-k", "3", "--exclude-same-slide");
            assertEquals(0, search.exit(), search.err());
            String[] best = search.lines().getFirst().split("\t");
            assertEquals(List.of("1", folder.resolve(TIFF).toString(), tile[1], tile[2]),
                    List.of(best[0], best[2], best[3], best[4]), search.out());
            assertTrue(Double.parseDouble(best[1]) > 0.99, search.out());
            assertEquals(3, search.lines().size());
            assertTrue(search.lines().stream().noneMatch(l -> l.contains(APERIO)), search.out());
        }
        Result json = run("search", "--archive", archive.toString(), "--slide", folder.resolve(TIFF).toString(),
                "--x", Long.toString(x), "--y", Long.toString(y), "--width", "600", "--height", "400", "-k", "2",
                "--max-per-slide", "1", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        Result tsv = run("search", "--archive", archive.toString(), "--slide", folder.resolve(TIFF).toString(),
                "--x", Long.toString(x), "--y", Long.toString(y), "--width", "600", "--height", "400", "-k", "2",
                "--max-per-slide", "1");
        String tileSize = run("slide-info", folder.resolve(TIFF).toString()).keys().get("tile_size");
        JsonArray hits = strictJsonArray(json.out());
        assertEquals(2, hits.size(), json.out());
        for (int i = 0; i < hits.size(); i++) {
            JsonObject hit = hits.get(i).getAsJsonObject();
            assertEquals(Set.of("rank", "score", "slide", "x", "y", "size"), hit.keySet(), hit.toString());
            String[] row = tsv.lines().get(i).split("\t");
            assertEquals(List.of(row[0], row[1], row[2], row[3], row[4], tileSize),
                    List.of(hit.get("rank").getAsString(), String.format(Locale.ROOT, "%.6f", hit.get("score").getAsDouble()),
                            hit.get("slide").getAsString(), hit.get("x").getAsString(), hit.get("y").getAsString(),
                            hit.get("size").getAsString()), "json hit " + i + " = tsv row " + i);
        }
        assertNotEquals(hits.get(0).getAsJsonObject().get("slide"), hits.get(1).getAsJsonObject().get("slide"),
                "--max-per-slide 1: " + json.out());
    }

    /** The whole text as one JSON array, parsed strictly (no trailing text, no lenient syntax). */
    private static JsonArray strictJsonArray(String text) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement parsed = JsonParser.parseReader(reader);
        assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "text after the JSON array: " + text);
        return parsed.getAsJsonArray();
    }

    @Test
    void aSecondIndexRunAddsNothing() {
        Result again = index(archive, folder);
        assertEquals(0, again.exit(), again.err());
        assertEquals("0", again.keys().get("tiles_added"));
        assertEquals("2", again.keys().get("slides_unchanged"));
    }

    @Test
    void badInputGetsOneLineAndExitOne() {
        String slide = folder.resolve(APERIO).toString();
        assertError(run("info", "--archive", dir.resolve("none").toString()), "no such archive folder");
        assertError(run("search", "--archive", archive.toString(), "--slide", dir.resolve("gone.svs").toString(),
                "--x", "1", "--y", "1"), "no such slide");
        assertError(run("search", "--archive", archive.toString(), "--slide", slide, "--x", "99999", "--y", "5"),
                "lies outside the slide");
        assertError(run("search", "--archive", archive.toString(), "--slide", slide, "--x", "3", "--y", "3"),
                "glass or background");
        assertError(run("index", folder.toString(), "--archive", archive.toString(), "--checkpoint", checkpoint().toString(),
                "--heads", "1"), "refusing to mix");
    }

    @Test
    void anArchiveFromANewerVersionIsRefused() throws Exception {
        Path newer = dir.resolve("newer");
        Files.createDirectories(newer);
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + newer.resolve("archive.db"));
             var st = db.createStatement()) {
            st.execute("PRAGMA user_version = 999");
        }
        assertError(run("info", "--archive", newer.toString()), "newer Histoseek");
        assertError(run("tiles", "--archive", newer.toString()), "newer Histoseek");
    }

    @Test
    void relinkFollowsSlidesThatMoved() throws IOException {
        Path moved = dir.resolve("moved-archive");
        Path movedSlides = copySlides(dir.resolve("drive/one"));
        copyArchive(archive, moved);
        assertError(run("relink", "--archive", moved.toString(), dir.resolve("drive").toString()), "none of the archive's");
        Result relink = run("relink", "--archive", moved.toString(), movedSlides.toString());
        assertEquals(0, relink.exit(), relink.err());
        assertEquals("2 of 2", relink.keys().get("slides_found"));
        assertTrue(run("tiles", "--archive", moved.toString()).lines().getFirst().startsWith(movedSlides.resolve(APERIO) + "\t"));
    }

    @Test
    void aStopSignalEndsTheRunAtASafePointAndTheNextRunResumes() throws Exception {
        Path stopped = dir.resolve("stopped-archive");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "io.histoseek.app.Main",
                "index", folder.toString(), "--archive", stopped.toString(), "--checkpoint", checkpoint().toString(),
                "--heads", "3", "--threads", "2", "--batch-size", "4");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process child = builder.start();
        List<String> err = new java.util.ArrayList<>();
        long signalled = 0;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getErrorStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                err.add(line);
                if (signalled == 0 && line.startsWith("slides 0/")) {
                    // SIGTERM, like a service manager (the handle, unlike Process.destroy, leaves the pipes open to read on).
                    child.toHandle().destroy();
                    signalled = System.nanoTime();
                }
            }
        }
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - signalled) / 1e9;
        assertEquals(143, child.exitValue(), "SIGTERM's status; stderr: " + err);
        assertTrue(seconds < 10, "stopped " + seconds + " s after SIGTERM");
        assertTrue(err.getLast().matches("stopped by SIGTERM: [0-9]+ slides? \\([0-9,]+ tiles?\\) kept; "
                + "run the same command again to resume"), err.toString());
        // The JVM's incubator notice is here because this runs java itself, not the launcher that drops it.
        assertEquals(List.of(err.getLast()), err.stream().filter(l -> !l.startsWith("slides ") && !l.startsWith("failed: ")
                        && !l.startsWith("WARNING: Using incubator modules")).toList(),
                "nothing but progress, failed slides and the stop line");
        assertEquals(0, run("info", "--archive", stopped.toString()).exit(), "the stopped archive is readable");

        Result resumed = index(stopped, folder);
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(run("tiles", "--archive", archive.toString()).out(), run("tiles", "--archive", stopped.toString()).out());
    }

    /** Copies the archive folder with everything in it (the SQLite file and the vector index folder). */
    @Test
    void removeTakesSlidesOutAndInfoCountsBothDown() throws IOException {
        Path copy = dir.resolve("remove-archive");
        copyArchive(archive, copy);
        Map<String, String> before = run("info", "--archive", copy.toString()).keys();
        long tiffTiles = run("tiles", "--archive", copy.toString()).lines().stream()
                .filter(line -> line.startsWith(folder.resolve(TIFF) + "\t")).count();
        assertEquals(51, tiffTiles, "tiles of the TIFF");

        assertError(run("remove", "--archive", copy.toString(), folder.resolve(TIFF).toString(), "nope.svs"), "nothing removed");
        assertEquals(before, run("info", "--archive", copy.toString()).keys());

        Result removed = run("remove", "--archive", copy.toString(), folder.resolve(TIFF).toString(), BROKEN);
        assertEquals(0, removed.exit(), removed.err());
        assertEquals(List.of("removed: " + folder.resolve(TIFF) + " (" + tiffTiles + " tiles)",
                "removed: " + folder.resolve(BROKEN) + " (0 tiles)", "slides_removed: 2", "tiles_removed: " + tiffTiles),
                removed.lines());
        Map<String, String> after = run("info", "--archive", copy.toString()).keys();
        long left = Long.parseLong(before.get("tiles")) - tiffTiles;
        assertEquals(Long.toString(left), after.get("tiles"));
        assertEquals(Long.toString(left), after.get("index_vectors"));
        assertEquals("1", after.get("slides_indexed"));
        assertEquals("0", after.get("slides_failed"));
        assertTrue(run("tiles", "--archive", copy.toString()).lines().stream().allMatch(l -> l.startsWith(folder.resolve(APERIO) + "\t")));
    }

    @Test
    void migrateChecksACurrentArchiveAndChangesNothing() throws IOException {
        Path copy = dir.resolve("migrate-archive");
        copyArchive(archive, copy);
        String tiles = run("tiles", "--archive", copy.toString()).out();
        Result migrate = run("migrate", "--archive", copy.toString());
        assertEquals(0, migrate.exit(), migrate.err());
        assertEquals(migrate.keys().get("tiles"), migrate.keys().get("index_vectors"));
        assertEquals("checking every tile against the vector index", migrate.err().strip());
        assertEquals(tiles, run("tiles", "--archive", copy.toString()).out());
    }

    private static void copyArchive(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    static void assertError(Result result, String part) {
        assertEquals(1, result.exit(), result.out() + result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("histoseek: ") && result.err().contains(part), result.err());
    }
}
