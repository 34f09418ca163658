package io.histoseek.app.cli;

import io.histoseek.app.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlideInfoCommandTest {
    private record Result(int exit, String out, String err) {
        Map<String, String> keys() {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int colon = line.indexOf(": ");
                keys.put(line.substring(0, colon), line.substring(colon + 2));
            }
            return keys;
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HistoseekCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Expected values: the shared README; tissue tile counts as measured and cross-checked in TileGridTest. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CMU-1-Small-Region.svs | aperio | 1 | 2220 | 2967 | 0.499 | slide | 20 | 51 | label, macro, thumbnail",
            "tcga-cr-7395-01a-01-ts1.svs | aperio | 2 | 4443 | 3567 | unknown | unknown | unknown | n/a | thumbnail",
            "constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif | generic-tiff | 5 | 2220 | 2967 | 0.499 | tiff-resolution | unknown | 51 | none",
            "constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif | generic-tiff | 6 | 4440 | 5934 | 0.2495 | tiff-resolution | unknown | 51 | none",
            "constructed/CMU-1-Small-Region-vms/CMU-1-Small-Region-vms.vms | hamamatsu | 7 | 2048 | 2944 | 0.499 | slide | 20 | 52 | macro",
            "constructed/CMU-1-Small-Region-mirax.mrxs | mirax | 4 | 2048 | 2816 | 0.499 | slide | 20 | 44 | label, macro, thumbnail",
            "synthetic/boxes.tiff | generic-tiff | 4 | 300 | 250 | unknown | unknown | unknown | n/a | none",
            "synthetic/small.svs | aperio | 1 | 16 | 16 | 0.499 | slide | 20 | 0 | thumbnail",
            // The CMU slide without its MPP field: tiled at 10 / 20x = 0.5, the same 9x13 grid and 51 tiles.
            "../slides-no-mpp/CMU-1-Small-Region_appmag20-no-mpp.svs | aperio | 1 | 2220 | 2967 | 0.5 | objective-power (estimate) | 20 | 51 | label, macro, thumbnail",
    })
    void describesEverySharedSlide(String file, String vendor, String levels, String width, String height,
                                   String mpp, String mppSource, String objective, String tissueTiles, String associated) {
        Result result = run("slide-info", SharedTestData.slides().resolve(file).normalize().toString());
        assertEquals(0, result.exit, result.err);
        assertEquals("", result.err);
        Map<String, String> keys = result.keys();
        assertEquals(vendor, keys.get("vendor"));
        assertEquals(levels, keys.get("levels"));
        assertEquals(width, keys.get("width"));
        assertEquals(height, keys.get("height"));
        assertEquals(mpp, keys.get("mpp"));
        assertEquals(mppSource, keys.get("mpp_source"));
        assertEquals(objective, keys.get("objective"));
        assertEquals(tissueTiles, keys.get("tissue_tiles"));
        assertEquals(associated, String.join(", ", keys.get("associated").split(", ")));
    }

    @Test
    void assumedMppTilesASlideWithoutOne() {
        Map<String, String> keys = run("slide-info", SharedTestData.slides().resolve("tcga-cr-7395-01a-01-ts1.svs").toString(),
                "--assume-mpp", "0.5").keys();
        assertEquals("0.5", keys.get("mpp"));
        assertEquals("user", keys.get("mpp_source"));
        assertEquals("19x15", keys.get("grid"));
        assertEquals("201", keys.get("tissue_tiles"), "one large piece covering most of the 19x15 grid");
    }

    @Test
    void aSlideWithNeitherMppNorObjectiveIsNotTiledUntilGivenAnMpp() {
        String tcga = SharedTestData.slides().resolve("tcga-cr-7395-01a-01-ts1.svs").toString();
        Map<String, String> none = run("slide-info", tcga).keys();
        assertEquals("n/a", none.get("tissue_tiles"));
        assertEquals("unknown physical scale (no mpp, no objective power); give --mpp", none.get("tiling"));
        Map<String, String> given = run("slide-info", tcga, "--mpp", "0.5").keys();
        assertEquals("user", given.get("mpp_source"));
        assertEquals("19x15", given.get("grid"));
    }

    @Test
    void coarserThanHalfAMicronIsReportedNotTiled() {
        Map<String, String> keys = run("slide-info", SharedTestData.slides().resolve("synthetic/boxes.tiff").toString(),
                "--assume-mpp", "2").keys();
        assertEquals("2", keys.get("mpp"));
        assertEquals("n/a", keys.get("tissue_tiles"));
        assertTrue(keys.get("tiling").startsWith("refused"), keys.get("tiling"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invalid/unopenable.tiff | Unsupported TIFF compression: 52479",
            "invalid/unreadable.svs | Bogus marker length",
            "README.md | not a slide format OpenSlide",
            "no-such-slide.svs | no such file",
    })
    void unreadableFilesExitOneWithOneLineNamingFileAndReason(String file, String reason) {
        Path path = SharedTestData.slides().resolve(file);
        Result result = run("slide-info", path.toString());
        assertEquals(HistoseekCommand.EXIT_FAILURE, result.exit);
        assertEquals("", result.out);
        assertEquals(1, result.err.lines().count(), result.err);
        assertTrue(result.err.startsWith("histoseek: " + path + ": "), result.err);
        assertTrue(result.err.contains(reason), result.err);
    }

    @Test
    void rejectsANonPositiveAssumedMpp() {
        Result result = run("slide-info", SharedTestData.slides().resolve("synthetic/small.svs").toString(), "--assume-mpp", "0");
        assertEquals(2, result.exit);
        assertTrue(result.err.contains("--assume-mpp must be a positive number"), result.err);
    }
}
