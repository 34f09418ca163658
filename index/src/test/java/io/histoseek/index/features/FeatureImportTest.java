package io.histoseek.index.features;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveCounts;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideNames;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.slide.SharedSlides;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports of the shared fixtures into real archives (SQLite + Lucene), and exports read back. */
class FeatureImportTest {
    @TempDir
    Path dir;

    static ImportSummary importFiles(Path archive, Optional<Path> slides, Optional<String> encoder, Path... features) {
        return new FeatureImport(new ImportRequest(archive, List.of(features), slides, null, encoder, Duration.ZERO),
                ImportListener.NONE, () -> false).run();
    }

    /** Every stored tile as "slide TAB x TAB y" -> its vector. */
    static Map<String, float[]> tilesWithVectors(Path archive) {
        Map<String, float[]> tiles = new TreeMap<>();
        try (Archive store = Archives.openForReading(archive)) {
            List<String> keys = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            store.forEachTile((slide, tile) -> {
                keys.add(FeatureExport.name(slide) + "\t" + tile.x() + "\t" + tile.y() + "\t" + tile.size());
                ids.add(tile.id());
            });
            for (int i = 0; i < keys.size(); i++) {
                assertTrue(tiles.put(keys.get(i), store.vectors().vector(ids.get(i)).orElseThrow()) == null, "no tile twice");
            }
            assertEquals(keys.size(), store.vectors().count(), "one vector per tile");
        }
        return tiles;
    }

    @Test
    void importsMatchedAndUnmatchedSlidesNormalizedAndReimportReplaces() {
        Path archive = dir.resolve("archive");
        ImportSummary summary = importFiles(archive, Optional.of(SharedSlides.dir()), Optional.empty(),
                SharedFeatures.get(SharedFeatures.GOOD), SharedFeatures.get(SharedFeatures.ELSEWHERE));
        assertEquals(List.of(
                ImportOutcome.imported(SharedFeatures.get(SharedFeatures.GOOD), "CMU-1-Small-Region.svs", 51, true),
                ImportOutcome.imported(SharedFeatures.get(SharedFeatures.ELSEWHERE), "case-0042", 40, false)), summary.outcomes());
        assertEquals(91, summary.tilesAdded());
        try (Archive store = Archives.openForReading(archive)) {
            assertEquals(new ModelIdentity("unknown-48", FeatureImport.IMPORTED, 48), store.model().orElseThrow());
            assertEquals(new ArchiveCounts(1, 0, 0, 1, 91), store.counts());
            assertEquals(SharedSlides.dir().toAbsolutePath().normalize(), store.root());
            SlideRecord cmu = store.slide("CMU-1-Small-Region.svs").orElseThrow();
            assertEquals(SlideStatus.INDEXED, cmu.status());
            assertEquals(2220, cmu.metadata().width(), "the slide file's own metadata");
            assertEquals("slide", cmu.metadata().mppSource(), "the slide file's own mpp");
            SlideRecord named = store.slide("case-0042").orElseThrow();
            assertEquals(SlideStatus.MISSING, named.status());
            assertEquals(0.5, named.metadata().mpp(), 1e-9, "10 / level0_magnification");
            assertEquals("objective-power (estimate)", named.metadata().mppSource(), "an estimate from the file's magnification");
            assertTrue(SlideNames.isNameOnly(named.path()) && !SlideNames.isNameOnly(cmu.path()));

            // Stored as the pipeline stores vectors: L2-normalized, in the file's row order.
            try (FeatureFileReader reader = FeatureFileReader.open(SharedFeatures.get(SharedFeatures.ELSEWHERE))) {
                long[] first = reader.coords()[0];
                TileRecord tile = store.tileContaining(named.id(), first[0], first[1]).orElseThrow();
                assertEquals(224, tile.size());
                assertArrayEquals(FeatureImport.normalized(reader.rows(0, 1)[0]), store.vectors().vector(tile.id()).orElseThrow(), 1e-6f);

                // A query on a tile of the slide whose file is absent searches with its stored vector.
                List<SearchHit> hits = new ArchiveSearcher(store, null).searchPoint(store.resolve(named.path()), first[0], first[1],
                        SearchOptions.DEFAULTS);
                assertEquals(named.id(), hits.getFirst().slide().id());
                assertEquals(first[0], hits.getFirst().x());
                assertEquals(1.0, hits.getFirst().score(), 1e-5);
            }
        }
        Map<String, float[]> before = tilesWithVectors(archive);

        // The float16 copy of the same slide replaces its tiles (same places, vectors within float16's rounding).
        ImportSummary again = importFiles(archive, Optional.of(SharedSlides.dir()), Optional.empty(), SharedFeatures.get(SharedFeatures.FLOAT16));
        assertEquals(1, again.filesImported());
        Map<String, float[]> after = tilesWithVectors(archive);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((key, vector) -> assertArrayEquals(vector, after.get(key), 2e-3f, key));
        // Without --slides the re-import finds the archive's slide of that name and still replaces it.
        importFiles(archive, Optional.empty(), Optional.empty(), SharedFeatures.get(SharedFeatures.ELSEWHERE));
        assertEquals(before.keySet(), tilesWithVectors(archive).keySet());
    }

    @Test
    void aFolderMixingGoodAndBadFilesImportsTheGoodOnesAndNamesEachProblem() throws IOException {
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed);
        Files.copy(SharedFeatures.get(SharedFeatures.ELSEWHERE), mixed.resolve("case-0042.h5"));
        Files.copy(SharedFeatures.get(SharedFeatures.GOOD), mixed.resolve("s042.h5"));
        try (var invalid = Files.list(SharedFeatures.dir().resolve("invalid"))) {
            for (Path file : invalid.toList()) Files.copy(file, mixed.resolve(file.getFileName()));
        }
        Path archive = dir.resolve("archive");
        ImportSummary summary = importFiles(archive, Optional.empty(), Optional.of("tiny-fixture"), mixed);
        Map<String, String> problems = new TreeMap<>();
        for (ImportOutcome outcome : summary.outcomes()) {
            if (!outcome.isImported()) problems.put(outcome.file().getFileName().toString(), outcome.problem());
        }
        assertEquals(2, summary.filesImported(), summary.toString());
        assertEquals(8, summary.filesFailed(), summary.toString());
        assertEquals(91, summary.tilesAdded());
        assertEquals("feature row 3 holds NaN (column 5)", problems.get("nan.h5"));
        assertTrue(problems.get("negative-coords.h5").startsWith("patch 0 has negative coordinates (-224, "), problems.toString());
        assertEquals("no 'coords' dataset", problems.get("no-coords.h5"));
        assertEquals("no 'features' dataset", problems.get("no-features.h5"));
        assertEquals("not an HDF5 file", problems.get("not-hdf5.h5"));
        assertEquals("51 feature rows but 50 coordinate rows", problems.get("row-mismatch.h5"));
        assertTrue(problems.get("truncated.h5").startsWith("cannot read the HDF5 file, truncated or damaged"), problems.toString());
        assertEquals("64-d features; archive " + archive + " holds 48-d vectors; nothing imported from this file",
                problems.get("wrong-dimension.h5"));
        try (Archive store = Archives.openForReading(archive)) {
            assertEquals("tiny-fixture", store.model().orElseThrow().fingerprint(), "--encoder names the encoder of a new archive");
            assertEquals(List.of("case-0042", "s042"), store.slides().stream().map(SlideRecord::path).toList(),
                    "a failed file leaves no slide behind");
            assertEquals(new ArchiveCounts(0, 0, 0, 2, 91), store.counts());
        }
    }

    @Test
    void aSlideImportedByNameIsReplacedByItsFileOnceFound() throws IOException {
        Path archive = dir.resolve("archive");
        importFiles(archive, Optional.empty(), Optional.empty(), SharedFeatures.get(SharedFeatures.ELSEWHERE));
        Path slides = dir.resolve("slides");
        Files.createDirectories(slides.resolve("deep"));
        Files.copy(SharedSlides.get(SharedSlides.CMU), slides.resolve("deep/case-0042.svs"));
        ImportSummary found = importFiles(archive, Optional.of(slides), Optional.empty(), SharedFeatures.get(SharedFeatures.ELSEWHERE));
        assertTrue(found.outcomes().getFirst().slideFound(), found.toString());
        try (Archive store = Archives.openForReading(archive)) {
            List<SlideRecord> all = store.slides();
            assertEquals(1, all.size(), all.toString());
            assertEquals(SlideStatus.INDEXED, all.getFirst().status());
            assertTrue(all.getFirst().path().endsWith("deep/case-0042.svs"), all.getFirst().path());
            assertEquals(40, store.counts().tiles());
        }
    }

    @Test
    void exportedFilesImportBackToTheSameTilesAndVectors() {
        Path archive = dir.resolve("archive");
        importFiles(archive, Optional.of(SharedSlides.dir()), Optional.empty(),
                SharedFeatures.get(SharedFeatures.GOOD), SharedFeatures.get(SharedFeatures.ELSEWHERE));
        Path out = dir.resolve("out");
        List<FeatureExport.Exported> written = new ArrayList<>();
        try (Archive store = Archives.openForReading(archive)) {
            FeatureExport export = new FeatureExport(store, out);
            for (SlideRecord slide : store.slides()) written.add(export.export(slide));
        }
        assertEquals(List.of(new FeatureExport.Exported("CMU-1-Small-Region.svs", out.resolve("CMU-1-Small-Region.h5"), 51),
                new FeatureExport.Exported("case-0042", out.resolve("case-0042.h5"), 40)), written);
        try (FeatureFileReader reader = FeatureFileReader.open(out.resolve("case-0042.h5"))) {
            assertEquals(new FeatureFileHeader(out.resolve("case-0042.h5"), "case-0042", 40, 48, 224,
                    java.util.OptionalDouble.of(20)), reader.header());
        }
        Path copy = dir.resolve("copy");
        ImportSummary back = importFiles(copy, Optional.of(SharedSlides.dir()), Optional.empty(), out);
        assertEquals(2, back.filesImported(), back.toString());
        Map<String, float[]> original = tilesWithVectors(archive);
        Map<String, float[]> imported = tilesWithVectors(copy);
        assertEquals(original.keySet(), imported.keySet());
        original.forEach((key, vector) -> assertArrayEquals(vector, imported.get(key), 1e-7f, key));
        assertFalse(original.isEmpty());
    }

    @Test
    void aCancelledImportKeepsTheFilesCommittedBeforeAndNothingOfTheFileItStoppedIn() {
        Path archive = dir.resolve("archive");
        int[] batches = {0};
        ImportListener counting = new ImportListener() {
            @Override
            public void tilesAdded(int count) {
                batches[0]++;
            }
        };
        // Stops when asked before the second file's first batch: after the first file's commit.
        ImportSummary summary = new FeatureImport(new ImportRequest(archive, List.of(SharedFeatures.get(SharedFeatures.ELSEWHERE),
                SharedFeatures.get(SharedFeatures.GOOD)), Optional.empty(), null, Optional.empty(), Duration.ZERO),
                counting, () -> batches[0] >= 1).run();
        assertTrue(summary.stopped());
        assertEquals(1, summary.filesImported());
        assertEquals(2, summary.filesTotal());
        try (Archive store = Archives.openForReading(archive)) {
            assertEquals(List.of("case-0042"), store.slides().stream().map(SlideRecord::path).toList(),
                    "the file it stopped in left no slide");
            assertEquals(40, store.counts().tiles());
            assertEquals(40, store.vectors().count());
        }
    }
}
