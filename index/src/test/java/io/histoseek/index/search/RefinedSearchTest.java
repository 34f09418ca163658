package io.histoseek.index.search;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.ClusteredVectors;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatTile;
import io.histoseek.index.heatmap.SlideHeatMaps;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.histoseek.index.search.ArchiveSearcherTest.DIM;
import static io.histoseek.index.search.ArchiveSearcherTest.GRID;
import static io.histoseek.index.search.ArchiveSearcherTest.meta;
import static io.histoseek.index.search.ArchiveSearcherTest.rescanned;
import static io.histoseek.index.search.ArchiveSearcherTest.tiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refine by example and heat maps on a small real archive (the one of {@link ArchiveSearcherTest}:
 * slide "a", its 0.25 um/px "copy" at twice the coordinates, and "other"; 99 stored tiles each),
 * ranks measured over the whole archive.
 */
class RefinedSearchTest {
    static final int ALL = 3 * (GRID * GRID - 1);

    @TempDir
    Path dir;
    Path root;
    float[][] tissue;

    @BeforeEach
    void buildArchive() {
        root = dir.resolve("slides");
        var gen = new ClusteredVectors(DIM, 5, 21);
        tissue = gen.next(GRID * GRID);
        try (ArchiveWriter writer = Archives.openForWriting(dir.resolve("archive"), WriterOptions.of("test").creatingWithRoot(root))) {
            writer.bindModel(new ModelIdentity("fp", "test", DIM));
            writer.commitSlide(meta("a.svs", 224 * GRID), tiles(224, tissue));
            writer.commitSlide(meta("copy.tiff", 448 * GRID), tiles(448, rescanned(tissue, gen)));
            writer.commitSlide(meta("other.svs", 224 * GRID), tiles(224, gen.next(GRID * GRID)));
        }
    }

    @Test
    void oneExampleIsThePlainSearch() {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(dir.resolve("archive"), null)) {
            SearchOptions options = new SearchOptions(20, false, 0, 0);
            assertEquals(searcher.searchPoint(a(), 672, 896, options),
                    searcher.searchExamples(List.of(Example.point(a(), 672, 896, true)), options));
            assertEquals(searcher.searchRectangle(a(), 0, 0, 500, 300, options),
                    searcher.searchExamples(List.of(new Example(a(), 0, 0, 500, 300, true)), options));
        }
    }

    @Test
    void aNegativeExampleIsDemotedAndNeverPassesWhatWasAboveIt() {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(dir.resolve("archive"), null)) {
            SearchOptions all = new SearchOptions(ALL, false, 0, 0);
            Example query = Example.point(a(), 672, 896, true);
            List<SearchHit> before = searcher.searchExamples(List.of(query), all);
            SearchHit rejected = before.get(3);   // the fourth best: a near hit the user rejects
            List<SearchHit> after = searcher.searchExamples(List.of(query,
                    Example.point(file(rejected), rejected.x(), rejected.y(), false)), all);
            int rankBefore = rank(before, rejected.tileId());
            int rankAfter = rank(after, rejected.tileId());
            assertEquals(4, rankBefore);
            System.out.printf("--not: the rejected tile moved from rank %d to %d of %d%n", rankBefore, rankAfter, ALL);
            assertTrue(rankAfter > 20, "the rejected tile falls from " + rankBefore + " to " + rankAfter);
            for (SearchHit above : before.subList(0, rankBefore - 1)) {
                assertTrue(rank(after, above.tileId()) < rankAfter, "tile " + above.tileId() + " stays above the rejected one");
            }
            assertEquals(ALL, after.size());
            assertTrue(after.stream().allMatch(h -> h.score() >= -1 && h.score() <= 1), "scores are similarities");
        }
    }

    @Test
    void aPositiveExamplePullsItsNeighboursUp() {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(dir.resolve("archive"), null)) {
            SearchOptions all = new SearchOptions(ALL, false, 0, 0);
            Example query = Example.point(a(), 672, 896, true);
            List<SearchHit> before = searcher.searchExamples(List.of(query), all);
            SearchHit far = before.get(ALL / 2);   // an unrelated tile, halfway down
            Example also = Example.point(file(far), far.x(), far.y(), true);
            List<SearchHit> itsNeighbours = searcher.searchExamples(List.of(also), new SearchOptions(6, false, 0, 0)).subList(1, 6);
            List<SearchHit> after = searcher.searchExamples(List.of(query, also), new SearchOptions(40, false, 0, 0));
            assertTrue(rank(after, far.tileId()) <= 2, "the example itself scores 1: rank " + rank(after, far.tileId()));
            for (SearchHit neighbour : itsNeighbours) {
                int was = rank(before, neighbour.tileId());
                int now = rank(after, neighbour.tileId());
                assertTrue(now > 0 && now < was && now <= 40, "neighbour " + neighbour.tileId() + " rose from " + was + " to " + now);
                System.out.printf("--also: a neighbour of the example rose from rank %d to %d%n", was, now);
            }
            assertEquals(1.0f, after.getFirst().score(), 1e-5f);
        }
    }

    @Test
    void refinedHitsStillKeepTheSlideFilterAndTheCap() {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(dir.resolve("archive"), null)) {
            List<Example> examples = List.of(Example.point(a(), 672, 896, true), Example.point(a(), 0, 0, false));
            List<SearchHit> without = searcher.searchExamples(examples, new SearchOptions(30, true, 0, 0));
            assertEquals(30, without.size());
            assertTrue(without.stream().noneMatch(h -> h.slide().path().equals("a.svs")), "the first positive's slide is left out");
            List<SearchHit> capped = searcher.searchExamples(examples, new SearchOptions(12, false, 4, 0));
            assertEquals(12, capped.size());
            for (String slide : List.of("a.svs", "copy.tiff", "other.svs")) {
                assertEquals(4, capped.stream().filter(h -> h.slide().path().equals(slide)).count(), slide);
            }
        }
    }

    @Test
    void heatMapScoresEveryStoredTileAndPeaksAtTheQueryAndAtTwiceItOnTheCopy() {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(dir.resolve("archive"), null)) {
            Archive archive = searcher.archive();
            RefinedScoring query = searcher.scoring(List.of(Example.point(a(), 672 + 5, 896 + 5, true)));
            SlideRecord a = archive.slide("a.svs").orElseThrow();
            HeatMap map = SlideHeatMaps.of(archive, a.id(), query);
            assertEquals(GRID * GRID - 1, map.tiles().size(), "one value per stored tile");
            assertEquals(new HeatTile(672, 896, 224, 1.0f), new HeatTile(map.hottest().x(), map.hottest().y(), 224,
                    Math.round(map.hottest().similarity() * 1e5f) / 1e5f));
            HeatTile corner = map.tiles().stream().filter(t -> t.x() == 0 && t.y() == 0).findFirst().orElseThrow();
            assertEquals(RefinedScoring.dot(tissue[0], tissue[4 * GRID + 3]), corner.similarity(), 1e-5f, "a dot product");
            assertTrue(map.tiles().stream().allMatch(t -> t.similarity() >= -1 && t.similarity() <= 1.00001f));

            HeatMap copy = SlideHeatMaps.of(archive, archive.slide("copy.tiff").orElseThrow().id(), query);
            assertEquals(2 * 672, copy.hottest().x());
            assertEquals(2 * 896, copy.hottest().y());
        }
    }

    private Path a() {
        return root.resolve("a.svs");
    }

    private Path file(SearchHit hit) {
        return root.resolve(hit.slide().path());
    }

    private static int rank(List<SearchHit> hits, long tileId) {
        return hits.stream().filter(h -> h.tileId() == tileId).mapToInt(SearchHit::rank).findFirst().orElse(-1);
    }
}
