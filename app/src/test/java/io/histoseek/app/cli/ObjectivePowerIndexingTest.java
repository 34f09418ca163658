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
