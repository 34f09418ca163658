package io.histoseek.app.cli;

import io.histoseek.app.SharedTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.histoseek.app.cli.ArchiveCommandsTest.assertError;
import static io.histoseek.app.cli.ArchiveCommandsTest.index;
import static io.histoseek.app.cli.ArchiveCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** search with a rectangle on a slide outside the archive: a note when it samples, a refusal when the box is too big. */
class OnTheFlySearchTest {
    @TempDir
    static Path dir;
    static Path archive;
    static final Path TCGA = SharedTestData.slides().resolve("tcga-cr-7395-01a-01-ts1.svs");

    @BeforeAll
    static void archiveOfOneSlide() throws IOException {
        Path slides = Files.createDirectories(dir.resolve("slides"));
        Files.copy(SharedTestData.slides().resolve("CMU-1-Small-Region.svs"), slides.resolve("cmu.svs"));
        archive = dir.resolve("archive");
        ArchiveCommandsTest.Result indexed = index(archive, slides);
        assertEquals(0, indexed.exit(), indexed.err());
    }

    @Test
    void aRectangleOverAWholeNewSlideIsSampledAndSaysSo() {
        ArchiveCommandsTest.Result search = run("search", "--archive", archive.toString(), "--slide", TCGA.toString(),
                "--mpp", "0.5", "--x", "0", "--y", "0", "--width", "4443", "--height", "3567", "-k", "3");
        assertEquals(0, search.exit(), search.err());
        assertEquals(3, search.lines().size(), search.out());
        List<String> err = search.err().lines().toList();
        assertEquals(1, err.size(), search.err());
        assertTrue(err.getFirst().matches("note: the rectangle holds [0-9]{3} tissue tiles; the query is the mean of 64 of them,"
                + " sampled evenly \\(queries on slides outside the archive embed at most 64\\)"), search.err());
    }

    @Test
    void aRectangleLargerThanTenMillimetresIsRefused() {
        assertError(run("search", "--archive", archive.toString(), "--slide", TCGA.toString(), "--mpp", "0.5",
                "--x", "0", "--y", "0", "--width", "30000", "--height", "300"), "is larger than the 10 x 10 mm an on-the-fly query may cover");
    }
}
