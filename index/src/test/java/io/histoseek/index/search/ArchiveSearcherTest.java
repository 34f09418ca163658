package io.histoseek.index.search;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.ClusteredVectors;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A small real archive: slide "a" and its "copy" hold the same 10x10 grid of tissue (the copy at
 * twice the coordinates, like a 0.25 um/px scan, with a little rescanning noise: cosine ~0.99),
 * "other" holds unrelated tissue. The tile
 * at column 9, row 9 of every slide is glass (not stored).
 */
class ArchiveSearcherTest {
    static final int DIM = 48;
    static final int GRID = 10;

    @TempDir
    Path dir;
    Path root;
    float[][] tissue;

    @BeforeEach
    void buildArchive() {
        root = dir.resolve("slides");
        var gen = new ClusteredVectors(DIM, 5, 21);
        tissue = gen.next(GRID * GRID);
        try (ArchiveWriter store = writer()) {
            store.bindModel(new ModelIdentity("fp", "test", DIM));
            store.commitSlide(meta("a.svs", 224 * GRID), tiles(224, tissue));
            store.commitSlide(meta("copy.tiff", 448 * GRID), tiles(448, rescanned(tissue, gen)));
            store.commitSlide(meta("other.svs", 224 * GRID), tiles(224, gen.next(GRID * GRID)));
        }
    }

    static float[][] rescanned(float[][] vectors, ClusteredVectors gen) {
        float[][] out = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            float[] noise = gen.next();
            out[i] = new float[DIM];
            for (int j = 0; j < DIM; j++) out[i][j] = vectors[i][j] + 0.12f * noise[j];
            ClusteredVectors.normalize(out[i]);
        }
        return out;
    }

    static SlideMetadata meta(String path, long side) {
        return new SlideMetadata(path, 1, 1, "q", "aperio", 0.5, "slide", side, side);
    }

    static List<NewTile> tiles(int size, float[][] vectors) {
        List<NewTile> out = new ArrayList<>();
        for (int r = 0; r < GRID; r++)
            for (int c = 0; c < GRID; c++)
                if (!(r == GRID - 1 && c == GRID - 1)) out.add(new NewTile((long) c * size, (long) r * size, size, 1f, vectors[r * GRID + c]));
        return out;
    }

    private ArchiveWriter writer() {
        return Archives.openForWriting(dir.resolve("archive"), WriterOptions.of("test").creatingWithRoot(root));
    }

    private ArchiveSearcher open(QueryEmbedder embedder) {
        return ArchiveSearcher.open(dir.resolve("archive"), embedder);
    }

    @Test
    void pointFindsItsOwnTileFirstThenTheSameTissueElsewhere() {
        try (ArchiveSearcher searcher = open(null)) {
            List<SearchHit> hits = searcher.searchPoint(root.resolve("a.svs"), 3 * 224 + 5, 2 * 224 + 100, SearchOptions.DEFAULTS);
            assertEquals(1, hits.getFirst().rank());
            assertEquals("a.svs", hits.getFirst().slide().path());
            assertEquals(3 * 224, hits.getFirst().x());
            assertEquals(2 * 224, hits.getFirst().y());
            assertEquals(1f, hits.getFirst().score(), 1e-3);
            assertEquals("copy.tiff", hits.get(1).slide().path());
            assertEquals(6 * 224, hits.get(1).x());
            for (int i = 1; i < hits.size(); i++) assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
            assertEquals(0.5, hits.getFirst().slide().metadata().mpp());
        }
    }

    @Test
    void excludeSameSlideAndMaxPerSlide() {
        try (ArchiveSearcher searcher = open(null)) {
            var options = new SearchOptions(20, true, 0, 0);
            List<SearchHit> hits = searcher.searchPoint(root.resolve("a.svs"), 500, 500, options);
            assertEquals(20, hits.size());
            assertTrue(hits.stream().noneMatch(h -> h.slide().path().equals("a.svs")));
            assertEquals("copy.tiff", hits.getFirst().slide().path());
            assertEquals(2 * 448, hits.getFirst().x(), "column 2 of the copy, at twice the coordinates");

            List<SearchHit> capped = searcher.searchPoint(root.resolve("a.svs"), 500, 500, new SearchOptions(6, false, 2, 0));
            Map<String, Integer> perSlide = new HashMap<>();
            for (SearchHit h : capped) perSlide.merge(h.slide().path(), 1, Integer::sum);
            assertEquals(6, capped.size());
            assertEquals(Map.of("a.svs", 2, "copy.tiff", 2, "other.svs", 2), perSlide);
            for (int i = 0; i < capped.size(); i++) assertEquals(i + 1, capped.get(i).rank());
        }
    }

    @Test
    void rectangleSearchesTheMeanOfItsTiles() {
        try (ArchiveSearcher searcher = open(null)) {
            // Covers columns 1..2 of row 0 on "a": the mean of tissue[1] and tissue[2].
            var archive = searcher.archive();
            float[] first = archive.vectors().vector(archive.tileContaining(1, 224, 0).orElseThrow().id()).orElseThrow();
            float[] second = archive.vectors().vector(archive.tileContaining(1, 448, 0).orElseThrow().id()).orElseThrow();
            float[] mean = new float[DIM];
            for (int i = 0; i < DIM; i++) mean[i] = first[i] + second[i];
            List<SearchHit> byRectangle = searchRect(searcher, 300, 10, 200, 100);
            List<SearchHit> byVector = searcher.searchVector(mean, SearchOptions.DEFAULTS);
            assertEquals(byVector.stream().map(SearchHit::tileId).toList(), byRectangle.stream().map(SearchHit::tileId).toList());
            assertTrue(byRectangle.getFirst().score() > 0.5f && byRectangle.getFirst().score() < 0.9999f);
        }
    }

    private List<SearchHit> searchRect(ArchiveSearcher searcher, long x, long y, long w, long h) {
        return searcher.searchRectangle(root.resolve("a.svs"), x, y, w, h, SearchOptions.DEFAULTS);
    }

    @Test
    void clearErrorsForUnknownSlidesOutsidePointsAndGlass() {
        try (ArchiveSearcher searcher = open(null)) {
            var unknown = assertThrows(SearchException.class,
                    () -> searcher.searchPoint(root.resolve("new.svs"), 10, 10, SearchOptions.DEFAULTS));
            assertTrue(unknown.getMessage().contains("new.svs") && unknown.getMessage().contains("not in archive"), unknown.getMessage());
            var outside = assertThrows(SearchException.class,
                    () -> searcher.searchPoint(root.resolve("a.svs"), 5000, 10, SearchOptions.DEFAULTS));
            assertTrue(outside.getMessage().contains("outside the slide"), outside.getMessage());
            var glass = assertThrows(SearchException.class,
                    () -> searcher.searchPoint(root.resolve("a.svs"), 9 * 224 + 1, 9 * 224 + 1, SearchOptions.DEFAULTS));
            assertTrue(glass.getMessage().contains("glass"), glass.getMessage());
            for (var e : List.of(unknown, outside, glass)) assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void slidesNotInTheArchiveAreEmbeddedOnTheFly() {
        List<String> calls = new ArrayList<>();
        QueryEmbedder embedder = (slide, x, y, w, h) -> {
            calls.add(slide.getFileName() + " " + x + " " + y + " " + w + " " + h);
            return x < 1000 ? Optional.of(tissue[42].clone()) : Optional.empty();
        };
        try (ArchiveSearcher searcher = open(embedder)) {
            List<SearchHit> hits = searcher.searchPoint(Path.of("/cases/new.svs"), 10, 20, SearchOptions.DEFAULTS);
            assertEquals(List.of("new.svs 10 20 0 0"), calls);
            assertEquals(2 * 224, hits.getFirst().x(), "tissue[42] is column 2, row 4");
            assertEquals(4 * 224, hits.getFirst().y());
            assertThrows(SearchException.class, () -> searcher.searchPoint(Path.of("/cases/new.svs"), 2000, 20, SearchOptions.DEFAULTS));
        }
    }

    @Test
    void searchesSeeWhatAWriterCommitsMeanwhileAndNothingBefore() throws Exception {
        var gen = new ClusteredVectors(DIM, 5, 77);
        List<NewTile> more = new ArrayList<>();
        for (int i = 0; i < 2000; i++) more.add(new NewTile(i * 224L, 0, 224, 1f, gen.next()));
        float[] probe = more.get(1234).vector();
        try (ArchiveSearcher searcher = open(null); ArchiveWriter writer = writer()) {
            var write = writer.beginSlide(meta("big.svs", 224L * 2000));
            write.add(more.subList(0, 1000));
            write.add(more.subList(1000, 2000));
            Thread committer = Thread.ofPlatform().start(write::commit);
            int searches = 0;
            while (committer.isAlive() || searches < 5) {
                List<SearchHit> hits = searcher.searchPoint(root.resolve("a.svs"), 10, 10, SearchOptions.DEFAULTS);
                assertEquals(10, hits.size());
                searches++;
            }
            committer.join();
            List<SearchHit> found = searcher.searchVector(probe, SearchOptions.DEFAULTS);
            assertEquals("big.svs", found.getFirst().slide().path());
            assertEquals(1234 * 224L, found.getFirst().x());
            assertEquals(3 * 99 + 2000, searcher.archive().vectors().count());
            assertEquals(3 * 99 + 2000, searcher.archive().counts().tiles());
        }
    }
}
