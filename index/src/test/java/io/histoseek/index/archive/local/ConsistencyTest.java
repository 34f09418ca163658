package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.CommitStamp;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.VectorEngine;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.histoseek.index.archive.local.LocalArchiveTest.grid;
import static io.histoseek.index.archive.local.LocalArchiveTest.slide;
import static io.histoseek.index.archive.local.LocalArchiveTest.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The states a crash (or a damaged file) can leave, made by writing to the engine behind the
 * archive's back: the next writer finds and mends them, readers meanwhile skip what they cannot
 * join, and a clean archive opens without a check.
 */
class ConsistencyTest {
    @TempDir
    Path dir;
    Path archive;
    long a;
    long b;

    @BeforeEach
    void twoSlides() {
        archive = dir.resolve("archive");
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("test").creatingWithRoot(dir))) {
            writer.bindModel(new ModelIdentity("fp", "test", 8));
            a = writer.commitSlide(slide("a.svs"), grid(3, 2, 100, 8)).id();
            b = writer.commitSlide(slide("b.svs"), grid(2, 2, 100, 8)).id();
        }
    }

    /** Opens for writing, collecting what it reports. */
    private ArchiveWriter reopen(List<String> said) {
        ArchiveProgress progress = new ArchiveProgress() {
            @Override
            public void update(String message, long done, long total) {
                said.add(message);
            }

            @Override
            public void note(String message) {
                said.add(message);
            }
        };
        return Archives.openForWriting(archive, WriterOptions.of("test").reportingTo(progress));
    }

    /** Damage done through the engine alone, committed with a stamp SQLite never saw (as a crash between the two leaves it). */
    private void behindTheArchivesBack(EngineWork work) {
        try (LuceneVectorEngine engine = LuceneVectorEngine.openForWriting(archive, LuceneSettings.DEFAULTS)) {
            work.run(engine);
            CommitStamp last = engine.committed();
            engine.commit(new CommitStamp(last.sequence() + 1, Math.max(last.lastTileId(), 1000)));
        }
    }

    @FunctionalInterface
    interface EngineWork {
        void run(VectorEngine engine);
    }

    @Test
    void aCleanArchiveOpensWithoutACheck() {
        List<String> said = new ArrayList<>();
        reopen(said).close();
        assertEquals(List.of(), said);
    }

    @Test
    void vectorsWithoutTilesAreDeletedAndReadersSkipThemMeanwhile() {
        behindTheArchivesBack(engine -> engine.add(a, new long[] {900, 901}, new float[][] {unit(8, 0), unit(8, 1)}));
        try (ArchiveSearcher searcher = ArchiveSearcher.open(archive, null)) {
            assertEquals(12, searcher.archive().vectors().count(), "readers never repair");
            assertEquals(10, searcher.archive().counts().tiles());
            List<SearchHit> hits = searcher.searchVector(unit(8, 0), new SearchOptions(12, false, 0, 0));
            assertEquals(10, hits.size(), "a reader skips vectors whose tiles it cannot find");
            assertTrue(hits.stream().noneMatch(h -> h.tileId() >= 900), hits.toString());
        }
        List<String> said = new ArrayList<>();
        try (ArchiveWriter writer = reopen(said)) {
            assertEquals(10, writer.vectors().count());
            assertEquals(10, writer.counts().tiles());
            assertEquals(SlideStatus.INDEXED, writer.slide(a).map(SlideRecord::status).orElseThrow());
        }
        assertTrue(said.stream().anyMatch(s -> s.contains("removed 2 vectors without their tile")), said.toString());
        List<String> again = new ArrayList<>();
        reopen(again).close();
        assertEquals(List.of(), again, "mended once, clean after");
    }

    @Test
    void aSlideWithATileWithoutItsVectorBecomesPendingAndLosesItsTilesAndVectors() {
        long tile;
        try (Archive reader = Archives.openForReading(archive)) {
            tile = reader.tileContaining(b, 0, 0).orElseThrow().id();
        }
        behindTheArchivesBack(engine -> engine.deleteTiles(new long[] {tile}));
        List<String> said = new ArrayList<>();
        try (ArchiveWriter writer = reopen(said)) {
            assertEquals(SlideStatus.PENDING, writer.slide(b).map(SlideRecord::status).orElseThrow());
            assertEquals(SlideStatus.INDEXED, writer.slide(a).map(SlideRecord::status).orElseThrow());
            assertEquals(6, writer.counts().tiles());
            assertEquals(6, writer.vectors().count());
            assertEquals(List.of(), writer.vectors().search(unit(8, 0), 5, 0, VectorFilter.only(List.of(b))));
        }
        assertTrue(said.stream().anyMatch(s -> s.contains("1 slides with missing vectors")), said.toString());
    }

    @Test
    void aTileWithTwoVectorsIsTreatedLikeOneWithout() {
        long tile;
        try (Archive reader = Archives.openForReading(archive)) {
            tile = reader.tileContaining(a, 100, 100).orElseThrow().id();
        }
        behindTheArchivesBack(engine -> engine.add(a, new long[] {tile}, new float[][] {unit(8, 3)}));
        try (ArchiveWriter writer = reopen(new ArrayList<>())) {
            assertEquals(SlideStatus.PENDING, writer.slide(a).map(SlideRecord::status).orElseThrow());
            assertEquals(4, writer.counts().tiles());
            Set<Long> ids = new HashSet<>();
            writer.vectors().forEachTileId(ids::add);
            assertEquals(writer.locations(ids).keySet(), ids);
            assertEquals(4, ids.size());
        }
    }

    @Test
    void aFullCheckRunsOnRequestAndFindsNothingInACleanArchive() {
        List<String> said = new ArrayList<>();
        ArchiveProgress progress = (message, done, total) -> said.add(message);
        Archives.openForWriting(archive, WriterOptions.of("migrate").checkingEverything().reportingTo(progress)).close();
        assertEquals(List.of("checking every tile against the vector index"), said);
        try (Archive reader = Archives.openForReading(archive)) {
            assertEquals(10, reader.vectors().count());
        }
    }
}
