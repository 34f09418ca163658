package io.histoseek.app.cli;

import io.histoseek.app.SharedTestData;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.tile.TileGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.histoseek.app.cli.ArchiveCommandsTest.index;
import static io.histoseek.app.cli.ArchiveCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Indexing a slide whose only scale is its objective power, and one with no scale at all. */
class ObjectivePowerIndexingTest {
    @TempDir
    Path dir;

    @Test
    void anAppMagOnlySlideIsTiledOnTheOriginalsGridAtTheEstimate() throws IOException {
        Path estimated = copy(SharedTestData.path("data/slides-no-mpp/CMU-1-Small-Region_appmag20-no-mpp.svs"), "estimated");
        Path measured = copy(SharedTestData.slides().resolve("CMU-1-Small-Region.svs"), "measured");
        List<String> estimatedCells = cells(estimated, new PhysicalScale(0.5, 0.5, PhysicalScale.Source.OBJECTIVE_POWER));
        List<String> measuredCells = cells(measured, new PhysicalScale(0.499, 0.499, PhysicalScale.Source.OPENSLIDE));
        assertEquals(51, estimatedCells.size());
        assertEquals(measuredCells, estimatedCells, "the same 51 grid cells; positions differ by the 0.2% scale difference");
    }

    @Test
    void aSlideWithNoScaleIsRefusedWithTheReasonAndTheOption() throws IOException {
        Path folder = copy(SharedTestData.slides().resolve("tcga-cr-7395-01a-01-ts1.svs"), "unknown");
        ArchiveCommandsTest.Result refused = index(dir.resolve("archive-unknown"), folder);
        assertEquals(0, refused.exit(), refused.err());
        assertEquals("1", refused.keys().get("slides_failed"), refused.out());
        assertEquals(List.of("failed: tcga-cr-7395-01a-01-ts1.svs: physical scale unknown (the file records neither an mpp"
                + " nor an objective power); give it with --mpp"),
                refused.err().lines().filter(line -> !line.startsWith("slides ")).toList());
    }

    @Test
    void theArchiveRecordsWhereEachSlidesMppCameFromAndInfoListsIt() throws IOException {
        Path folder = copy(SharedTestData.path("data/slides-no-mpp/CMU-1-Small-Region_appmag20-no-mpp.svs"), "all");
        Files.copy(SharedTestData.slides().resolve("CMU-1-Small-Region.svs"), folder.resolve("CMU-1-Small-Region.svs"));
        Files.copy(SharedTestData.slides().resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif"),
                folder.resolve("generic.tif"));
        Path archive = dir.resolve("archive-all");
        assertEquals(0, index(archive, folder).exit());
        Path given = copy(SharedTestData.slides().resolve("tcga-cr-7395-01a-01-ts1.svs"), "given");
        ArchiveCommandsTest.Result withMpp = run("index", given.toString(), "--archive", dir.resolve("archive-given").toString(),
                "--checkpoint", ArchiveCommandsTest.checkpoint().toString(), "--heads", "3", "--mpp", "0.25");
        assertEquals(0, withMpp.exit(), withMpp.err());

        assertEquals(List.of(
                "slide: CMU-1-Small-Region.svs\tindexed\ttiles 51\tmpp 0.499\tmpp_source slide",
                "slide: CMU-1-Small-Region_appmag20-no-mpp.svs\tindexed\ttiles 51\tmpp 0.5 (estimate)\tmpp_source objective-power (estimate)",
                "slide: generic.tif\tindexed\ttiles 51\tmpp 0.499\tmpp_source tiff-resolution"),
                slideLines(archive, folder));
        assertEquals(List.of("slide: tcga-cr-7395-01a-01-ts1.svs\tindexed\ttiles 48\tmpp 0.25\tmpp_source user"),
                slideLines(dir.resolve("archive-given"), given));
    }

    /** The info lines of the slides, their paths (shown absolute: the test's working folder is elsewhere) relative to the folder. */
    private static List<String> slideLines(Path archive, Path folder) {
        ArchiveCommandsTest.Result info = run("info", "--archive", archive.toString(), "--slides");
        assertEquals(0, info.exit(), info.err());
        return info.lines().stream().filter(line -> line.startsWith("slide: ")).map(line -> line.replace(folder + "/", ""))
                .sorted().toList();
    }

    private Path copy(Path slide, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.copy(slide, folder.resolve(slide.getFileName()));
        return folder;
    }

    /** The stored tiles as grid cells "column,row" (level-0 position over the tile step at that scale), in order. */
    private List<String> cells(Path folder, PhysicalScale scale) {
        Path archive = dir.resolve("archive-" + folder.getFileName());
        ArchiveCommandsTest.Result indexed = index(archive, folder);
        assertEquals(0, indexed.exit(), indexed.err());
        double step = TileGrid.exactTileSize(scale);
        return run("tiles", "--archive", archive.toString()).lines().stream().map(line -> line.split("\t"))
                .map(t -> Math.round(Long.parseLong(t[1]) / step) + "," + Math.round(Long.parseLong(t[2]) / step))
                .sorted().toList();
    }
}
