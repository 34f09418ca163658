package io.histoseek.app.cli;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.cli.ArchiveCommandsTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.histoseek.app.cli.ArchiveCommandsTest.assertError;
import static io.histoseek.app.cli.ArchiveCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** relink as a user runs it on slides imported by name: their files found under the new root are attached. */
class RelinkCommandTest {
    private static final String CMU = "CMU-1-Small-Region";

    @TempDir
    Path dir;

    private static Path features(String relative) {
        return SharedTestData.path("data/features/" + relative);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    @Test
    void relinkAttachesSlidesImportedByNameSoEveryCommandShowsAndOpensTheirFiles() throws IOException {
        Path archive = dir.resolve("archive");
        Result imported = run("import", "--archive", archive.toString(), "--features", features(CMU + ".h5").toString(),
                features("elsewhere/case-0042.h5").toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        List<String> before = run("tiles", "--archive", archive.toString()).lines();
        String[] tile = before.stream().filter(line -> line.startsWith(CMU + "\t")).findFirst().orElseThrow().split("\t");

        // The archive holds only slides known by name: a folder without their files is refused and nothing changes.
        Files.createDirectories(dir.resolve("empty"));
        assertError(run("relink", "--archive", archive.toString(), dir.resolve("empty").toString()),
                dir.resolve("empty") + ": none of the archive's 2 slides is there; not relinked");
        assertEquals(before, run("tiles", "--archive", archive.toString()).lines());

        Path drive = dir.resolve("drive");
        Path file = drive.resolve("cases/" + CMU + ".svs");
        copy(SharedTestData.slides().resolve(CMU + ".svs"), file);
        Result relink = run("relink", "--archive", archive.toString(), drive.toString());
        assertEquals(0, relink.exit(), relink.out() + relink.err());
        assertEquals(List.of("root: " + drive, "previous_root: " + features(CMU + ".h5").getParent(), "slides_found: 0 of 0",
                "attached: " + CMU + " -> " + file, "slides_attached: 1 of 2"), relink.lines());

        // tiles and search rows show the slide by its file, at the same places; the other stays known by name.
        List<String> after = run("tiles", "--archive", archive.toString()).lines();
        assertEquals(before.stream().map(line -> line.replace(CMU + "\t", file + "\t")).sorted().toList(), after.stream().sorted().toList());
        Result search = run("search", "--archive", archive.toString(), "--slide", file.toString(), "--x", tile[1], "--y", tile[2], "-k", "1");
        assertEquals(0, search.exit(), search.err());
        assertEquals(List.of("1\t1.000000\t" + file + "\t" + tile[1] + "\t" + tile[2]), search.lines());

        // info: the scale read from the file; the counts with it.
        Result info = run("info", "--archive", archive.toString(), "--slides");
        Map<String, String> keys = info.keys();
        assertEquals(List.of("1", "1", "91", "91"), List.of(keys.get("slides_indexed"), keys.get("slides_missing"), keys.get("tiles"),
                keys.get("index_vectors")), info.out());
        assertTrue(info.lines().contains("slide: " + file + "\tindexed\ttiles 51\tmpp 0.499\tmpp_source slide"), info.out());

        // The gallery reads the tiles from the file now (no placeholder).
        Path gallery = dir.resolve("gallery");
        Result export = run("export", "--archive", archive.toString(), "--slide", file.toString(), "--x", tile[1], "--y", tile[2],
                "-k", "1", "--out", gallery.toString());
        assertEquals(0, export.exit(), export.err());
        assertFalse(Files.readString(gallery.resolve("index.html")).contains("slide file missing"));
    }

    @Test
    void anAmbiguousOrUnreadableMatchIsOneLineEachTheRestIsAttachedAndTheExitStatusSaysSo() throws IOException {
        Path featureFiles = dir.resolve("features");
        for (String name : List.of("case-0042", "s042", "s043")) {
            copy(features("elsewhere/case-0042.h5"), featureFiles.resolve(name + ".h5"));
        }
        Path archive = dir.resolve("archive");
        assertEquals(0, run("import", "--archive", archive.toString(), "--features", featureFiles.toString()).exit());
        Path drive = dir.resolve("drive");
        copy(SharedTestData.slides().resolve(CMU + ".svs"), drive.resolve("a/case-0042.svs"));
        copy(SharedTestData.slides().resolve("synthetic/small.svs"), drive.resolve("b/case-0042.svs"));
        copy(SharedTestData.slides().resolve("invalid/unopenable.tiff"), drive.resolve("s042.tiff"));
        copy(SharedTestData.slides().resolve(CMU + ".svs"), drive.resolve("s043.svs"));

        Result relink = run("relink", "--archive", archive.toString(), drive.toString());
        assertEquals(1, relink.exit(), relink.out() + relink.err());
        assertEquals("", relink.err());
        List<String> lines = relink.lines();
        assertEquals(List.of("root: " + drive, "previous_root: " + featureFiles, "slides_found: 0 of 0"), lines.subList(0, 3));
        assertEquals("attached: s043 -> " + drive.resolve("s043.svs"), lines.get(3));
        assertEquals("not attached: case-0042: 2 slides named case-0042 under " + drive + " (" + drive.resolve("a/case-0042.svs") + ", "
                + drive.resolve("b/case-0042.svs") + ")", lines.get(4));
        assertTrue(lines.get(5).startsWith("not attached: s042: " + drive.resolve("s042.tiff") + ": "), lines.get(5));
        assertEquals("slides_attached: 1 of 3", lines.get(6));
        assertEquals(7, lines.size(), relink.out());

        // The ambiguous slide attaches once one file of its name is left; the unreadable one is still told.
        Files.delete(drive.resolve("b/case-0042.svs"));
        Result again = run("relink", "--archive", archive.toString(), drive.toString());
        assertEquals(1, again.exit());
        assertEquals(List.of("root: " + drive, "previous_root: " + drive, "slides_found: 1 of 1",
                "attached: case-0042 -> " + drive.resolve("a/case-0042.svs"), lines.get(5), "slides_attached: 1 of 2"), again.lines());
        List<String> tiles = run("tiles", "--archive", archive.toString()).lines();
        assertEquals(120, tiles.size());
        assertEquals(40, tiles.stream().filter(line -> line.startsWith("s042\t")).count(), "the unreadable one stays known by name");
    }
}
