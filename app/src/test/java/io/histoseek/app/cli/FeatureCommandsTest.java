package io.histoseek.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.histoseek.app.SharedTestData;
import io.histoseek.app.cli.ArchiveCommandsTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.histoseek.app.cli.ArchiveCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** import, export-features and search --features as a user runs them, on the shared features fixtures (no model needed). */
class FeatureCommandsTest {
    @TempDir
    Path dir;

    private static Path features(String relative) {
        return SharedTestData.path("data/features/" + relative);
    }

    @Test
    void importThenSearchTheSlideWithoutItsFileThenExportAndImportBack() throws Exception {
        Path archive = dir.resolve("archive");
        Path slides = SharedTestData.slides();
        Result imported = run("import", "--archive", archive.toString(), "--slides", slides.toString(), "--features",
                features("CMU-1-Small-Region.h5").toString(), features("elsewhere").toString(), features("invalid/nan.h5").toString());
        assertEquals(1, imported.exit(), "a file failed: " + imported.out() + imported.err());
        assertEquals(List.of(
                "imported: " + features("CMU-1-Small-Region.h5") + " -> CMU-1-Small-Region.svs (51 tiles)",
                "imported: " + features("elsewhere/case-0042.h5") + " -> case-0042 (40 tiles; slide file not found: recorded missing)",
                "failed: " + features("invalid/nan.h5") + ": feature row 3 holds NaN (column 5)",
                "files_imported: 2", "files_failed: 1", "tiles_added: 91"), imported.lines());
        Map<String, String> info = run("info", "--archive", archive.toString()).keys();
        assertEquals("91", info.get("tiles"), info.toString());
        assertEquals(info.get("tiles"), info.get("index_vectors"));

        List<String> tiles = run("tiles", "--archive", archive.toString()).lines();
        assertEquals(91, tiles.size());
        assertTrue(tiles.contains("case-0042\t0\t0") || tiles.stream().anyMatch(t -> t.startsWith("case-0042\t")), tiles.toString());
        assertTrue(tiles.stream().anyMatch(t -> t.startsWith(slides.resolve("CMU-1-Small-Region.svs") + "\t")), tiles.toString());

        // A point on the slide whose file is absent: searched with its stored vector, shown by its name.
        String[] tile = tiles.stream().filter(t -> t.startsWith("case-0042\t")).findFirst().orElseThrow().split("\t");
        Result search = run("search", "--archive", archive.toString(), "--slide", "case-0042", "--x", tile[1], "--y", tile[2], "-k", "2");
        assertEquals(0, search.exit(), search.err());
        assertEquals("1\t1.000000\tcase-0042\t" + tile[1] + "\t" + tile[2], search.lines().getFirst());

        Path out = dir.resolve("exported");
        Result exported = run("export-features", "--archive", archive.toString(), "--out", out.toString());
        assertEquals(0, exported.exit(), exported.err());
        assertEquals(List.of(
                "exported: " + slides.resolve("CMU-1-Small-Region.svs") + " -> " + out.resolve("CMU-1-Small-Region.h5") + " (51 tiles)",
                "exported: case-0042 -> " + out.resolve("case-0042.h5") + " (40 tiles)",
                "slides_exported: 2", "tiles_exported: 91"), exported.lines());
        Path copy = dir.resolve("copy");
        Result back = run("import", "--archive", copy.toString(), "--slides", slides.toString(), "--features", out.toString());
        assertEquals(0, back.exit(), back.out() + back.err());
        assertEquals(tiles, run("tiles", "--archive", copy.toString()).lines(), "import(export(archive)) has the same tiles");

        // Importing into the 48-d archive a 64-d file: one line, nothing of it stored.
        Result wrong = run("import", "--archive", archive.toString(), "--features", features("invalid/wrong-dimension.h5").toString());
        assertEquals(1, wrong.exit());
        assertEquals("failed: " + features("invalid/wrong-dimension.h5") + ": 64-d features; archive " + archive.toAbsolutePath()
                + " holds 48-d vectors; nothing imported from this file", wrong.lines().getFirst());
        assertEquals("91", run("info", "--archive", archive.toString()).keys().get("tiles"));
    }

    @Test
    void batchSearchPrintsARowPerHitAndRefusesAmbiguousQueries() throws Exception {
        Path archive = dir.resolve("archive");
        Path good = features("CMU-1-Small-Region.h5");
        assertEquals(0, run("import", "--archive", archive.toString(), "--features", good.toString()).exit());
        List<String> tiles = run("tiles", "--archive", archive.toString()).lines();

        Result batch = run("search", "--archive", archive.toString(), "--features", good.toString(), "--rows", "0,5", "-k", "3");
        assertEquals(0, batch.exit(), batch.err());
        assertEquals(6, batch.lines().size(), batch.out());
        for (String line : batch.lines()) {
            String[] fields = line.split("\t");
            assertEquals(6, fields.length, line);
            double score = Double.parseDouble(fields[2]);
            assertTrue(score >= -1 && score <= 1.000001, line);
        }
        String[] best = batch.lines().getFirst().split("\t");
        assertEquals(List.of("0", "1", "1.000000"), List.of(best[0], best[1], best[2]), "row 0 finds its own tile first");
        assertTrue(tiles.contains(best[3] + "\t" + best[4] + "\t" + best[5]), batch.out());
        assertTrue(batch.lines().get(3).startsWith("5\t1\t1.000000\t"), batch.out());

        Result json = run("search", "--archive", archive.toString(), "--features", good.toString(), "--rows", "5", "-k", "2",
                "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonArray hits = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(2, hits.size());
        JsonObject first = hits.get(0).getAsJsonObject();
        assertEquals(5, first.get("row").getAsInt());
        assertEquals(1, first.get("rank").getAsInt());
        assertEquals(224, first.get("size").getAsInt());

        Result all = run("search", "--archive", archive.toString(), "--features", good.toString(), "-k", "1");
        assertEquals(51, all.lines().size(), "every row when --rows is not given");

        Result both = run("search", "--archive", archive.toString(), "--features", good.toString(), "--slide", "x.svs",
                "--x", "0", "--y", "0");
        assertEquals(2, both.exit());
        assertTrue(both.err().startsWith("give --features or --slide (with --also/--not), not both\n"), both.err());
        Result neither = run("search", "--archive", archive.toString());
        assertEquals(2, neither.exit());
        assertTrue(neither.err().startsWith("give the query: --slide PATH --x X --y Y, or --features QUERIES.h5\n"), neither.err());
        Result badRow = run("search", "--archive", archive.toString(), "--features", good.toString(), "--rows", "51");
        assertEquals(1, badRow.exit());
        assertEquals("histoseek: --rows 51: " + good + " has rows 0 to 50\n", badRow.err());
        assertTrue(Files.isDirectory(archive));
    }
}
