package io.histoseek.index.pipeline;

import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.index.store.SlideRecord;
import io.histoseek.index.store.SlideStatus;
import io.histoseek.index.store.TileRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Indexes the shared slides once with the tiny model, then checks what the archive holds. */
class IndexingPipelineTest {
    static final String APERIO = "CMU-1-Small-Region.svs";
    static final String TIFF_05 = "constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif";
    static final String TIFF_025 = "constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif";

    @TempDir
    static Path dir;
    static Path archive;
    static IndexingSummary first;

    @BeforeAll
    static void indexTheSharedSlides() throws Exception {
        archive = dir.resolve("archive");
        first = Archives.index(archive, SharedData.slides());
    }

    @Test
    void everySlideIsIndexedOrRecordedAsFailedWithItsReason() {
        try (ArchiveStore store = ArchiveStore.open(archive)) {
            Map<String, SlideRecord> slides = store.slides().stream()
                    .collect(Collectors.toMap(SlideRecord::path, s -> s, (a, b) -> a, TreeMap::new));
            assertEquals(10, slides.size(), slides.keySet().toString());
            assertFailed(slides, "invalid/unopenable.tiff", "Unsupported TIFF compression");
            assertFailed(slides, "invalid/unreadable.svs", "Bogus marker length");
            assertFailed(slides, "tcga-cr-7395-01a-01-ts1.svs", "neither an mpp nor an objective power); give it with --mpp");
            assertFailed(slides, "synthetic/boxes.tiff", "neither an mpp nor an objective power); give it with --mpp");
            for (String indexed : List.of(APERIO, TIFF_05, TIFF_025, "constructed/CMU-1-Small-Region-mirax.mrxs",
                    "constructed/CMU-1-Small-Region-vms/CMU-1-Small-Region-vms.vms", "synthetic/small.svs")) {
                assertEquals(SlideStatus.INDEXED, slides.get(indexed).status(), indexed);
            }
            assertEquals(4, first.failed().size());
            assertEquals(6, first.embedded());
            long tiles = store.counts().tiles();
            assertEquals(first.tilesStored(), tiles);
            assertEquals(51 + 51 + 51 + 44 + 52 + 0, tiles, "the tissue tiles slide-info counts for the six slides");
            try (ArchiveSearcher searcher = ArchiveSearcher.open(archive, HnswParams.DEFAULTS, null, IndexProgress.NONE)) {
                assertEquals(ArchiveIndex.Origin.LOADED, searcher.index().origin(), "the run saved a complete index");
                assertEquals(tiles, searcher.index().size());
            }
        }
    }

    private static void assertFailed(Map<String, SlideRecord> slides, String path, String reasonPart) {
        SlideRecord slide = slides.get(path);
        assertEquals(SlideStatus.FAILED, slide.status(), path);
        assertTrue(slide.failureReason().contains(reasonPart), path + ": " + slide.failureReason());
    }

    @Test
    void theAperioTissueIsFoundAtTheSamePlaceInItsTiffCopies() {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(archive, HnswParams.DEFAULTS, null, IndexProgress.NONE)) {
            ArchiveStore store = searcher.store();
            SlideRecord aperio = store.slide(APERIO).orElseThrow();
            List<TileRecord> queries = store.tilesIntersecting(aperio.id(), 0, 0, aperio.metadata().width(), aperio.metadata().height());
            for (int part = 1; part <= 3; part++) {
                TileRecord query = queries.get(part * queries.size() / 4);
                List<SearchHit> hits = searcher.searchPoint(store.resolve(APERIO), query.x() + 10, query.y() + 10,
                        new SearchOptions(3, true, 1, 0));
                Map<String, SearchHit> bySlide = hits.stream().collect(Collectors.toMap(h -> h.slide().path(), h -> h));
                SearchHit half = bySlide.get(TIFF_05);
                SearchHit quarter = bySlide.get(TIFF_025);
                String where = "query (" + query.x() + ", " + query.y() + "): " + hits;
                assertTrue(half != null && quarter != null, where);
                assertEquals(List.of(query.x(), query.y()), List.of(half.x(), half.y()), where);
                // Twice the coordinates, up to the grid's rounding of its 448.9-pixel steps to whole pixels.
                assertTrue(Math.abs(quarter.x() - 2 * query.x()) <= 1 && Math.abs(quarter.y() - 2 * query.y()) <= 1, where);
                assertTrue(hits.stream().noneMatch(h -> h.slide().path().equals(APERIO)), where);
            }
        }
    }

    @Test
    void aSecondRunAddsNothing() throws Exception {
        List<String> before = Archives.tiles(archive);
        IndexingSummary second = Archives.index(archive, SharedData.slides());
        assertEquals(0, second.embedded());
        assertEquals(0, second.tilesStored());
        assertEquals(6, second.unchanged());
        assertEquals(before, Archives.tiles(archive));
    }

    @Test
    void aSlideNotInTheArchiveIsEmbeddedOnTheFlyLikeIndexingWould() {
        try (ArchiveStore store = ArchiveStore.open(archive);
             SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(store, Optional.empty())) {
            SlideRecord aperio = store.slide(APERIO).orElseThrow();
            TileRecord tile = store.tilesIntersecting(aperio.id(), 0, 0, aperio.metadata().width(), aperio.metadata().height()).get(7);
            float[] stored = store.vector(tile.id()).orElseThrow();
            float[] fresh = embedder.embed(store.resolve(APERIO), tile.x() + 5, tile.y() + 5, 0, 0).orElseThrow();
            assertTrue(cosine(stored, fresh) > 0.999, "cosine " + cosine(stored, fresh));
            assertEquals(Optional.empty(), embedder.embed(store.resolve(APERIO), 2, 2, 0, 0), "the corner is glass");
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
