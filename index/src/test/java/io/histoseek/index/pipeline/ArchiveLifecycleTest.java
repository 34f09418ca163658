package io.histoseek.index.pipeline;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.archive.local.LuceneVectorEngine;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.model.EncoderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An archive over time: touched, changed and vanished slides, another checkpoint, lost vectors, concurrent search. */
class ArchiveLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void rerunsFollowTouchedChangedAndVanishedSlides() throws Exception {
        Path folder = SmallFolder.createWithTiffCopy(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        IndexingSummary first = Archives.index(archive, folder);
        assertEquals(2, first.embedded());
        assertEquals(List.of(SlideOutcome.failed(SmallFolder.BROKEN, first.failed().getFirst().reason())), first.failed());
        List<String> tiles = Archives.tiles(archive);

        // Touched: new mtime, same content (quickhash) -> nothing re-embedded.
        Files.setLastModifiedTime(folder.resolve(SmallFolder.APERIO), FileTime.fromMillis(1_000_000_000_000L));
        IndexingSummary touched = Archives.index(archive, folder);
        assertEquals(0, touched.embedded());
        assertEquals(2, touched.unchanged());
        assertEquals(tiles, Archives.tiles(archive));

        // Changed: the Aperio file now holds a tiny slide without tissue -> re-embedded, its tiles replaced.
        SmallFolder.copy(SharedData.slides().resolve("synthetic/small.svs"), folder.resolve(SmallFolder.APERIO));
        IndexingSummary changed = Archives.index(archive, folder);
        assertEquals(1, changed.embedded());
        List<String> afterChange = Archives.tiles(archive);
        assertTrue(afterChange.stream().noneMatch(t -> t.startsWith(SmallFolder.APERIO + "\t")));
        assertEquals(tiles.stream().filter(t -> t.startsWith(SmallFolder.TIFF + "\t")).toList(), afterChange);

        // Vanished: reported, marked missing, its tiles stay.
        Files.delete(folder.resolve(SmallFolder.TIFF));
        IndexingSummary vanished = Archives.index(archive, folder);
        assertEquals(List.of(SmallFolder.TIFF), vanished.vanished());
        assertEquals(afterChange, Archives.tiles(archive));
        try (Archive store = Archives.open(archive)) {
            assertEquals(SlideStatus.MISSING, store.slide(SmallFolder.TIFF).orElseThrow().status());
        }

        // The engine dropped the replaced tiles' vectors: it holds exactly the stored tiles' ones.
        assertEquals(afterChange.size(), Archives.vectors(archive));
    }

    @Test
    void pauseHoldsTheJobAndCancelRollsTheSlideBackForTheNextRunToRedo() throws Exception {
        Path folder = SmallFolder.create(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        AtomicReference<IndexingJob> job = new AtomicReference<>();
        AtomicLong tilesSeen = new AtomicLong();
        CountDownLatch paused = new CountDownLatch(1);
        job.set(IndexingJob.start(Archives.request(archive, folder), new IndexingListener() {
            @Override
            public void progress(IndexingProgress progress) {
                tilesSeen.set(progress.tilesDone());
                if (progress.tilesDone() > 0 && paused.getCount() > 0) {
                    while (job.get() == null) {
                        Thread.onSpinWait();
                    }
                    job.get().pause();
                    paused.countDown();
                }
            }
        }));
        assertTrue(paused.await(120, TimeUnit.SECONDS));
        long atPause = tilesSeen.get();
        Thread.sleep(1500);
        assertEquals(atPause, tilesSeen.get(), "no batch runs while paused");
        assertTrue(job.get().isPaused());
        job.get().cancel();
        IndexingSummary summary = job.get().await();
        assertTrue(summary.cancelled());
        assertEquals(0, summary.embedded());
        assertEquals(List.of(), Archives.tiles(archive), "the slide in progress was rolled back");

        IndexingSummary resumed = Archives.index(archive, folder);
        assertEquals(1, resumed.embedded());
        assertEquals(51, Archives.tiles(archive).size(), "CMU-1-Small-Region's 51 tissue tiles, once");
    }

    @Test
    void vectorsOfAnotherCheckpointAreRefused() throws Exception {
        Path folder = SmallFolder.create(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        Archives.index(archive, folder);
        List<String> tiles = Archives.tiles(archive);
        SmallFolder.addTiffCopy(folder);
        IndexingRequest oneHead = new IndexingRequest(List.of(folder), archive, SharedData.tinyCheckpoint(),
                EncoderOptions.defaults().withHeads(OptionalInt.of(1)), 1, TilingOptions.defaults());
        ArchiveException refused = assertThrows(ArchiveException.class,
                () -> IndexingJob.start(oneHead, IndexingListener.NONE).await());
        assertTrue(refused.getMessage().contains("refusing to mix"), refused.getMessage());
        assertEquals(tiles, Archives.tiles(archive));
    }

    @Test
    void lostVectorsAreEmbeddedAgainByTheNextRunWithTheSameResults() throws Exception {
        Path folder = SmallFolder.create(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        Archives.index(archive, folder);
        List<String> tiles = Archives.tiles(archive);
        List<SearchHit> expected = searchAperio(archive);

        // The vectors live only in the engine: without them the slide's tiles are not searchable...
        deleteTree(archive.resolve(LuceneVectorEngine.FOLDER));
        assertEquals(0, Archives.vectors(archive));
        assertFalse(Files.exists(archive.resolve(LuceneVectorEngine.FOLDER)), "a reader creates nothing");
        // ...and the next run sees the tiles without vectors, treats the slide as not indexed and embeds it again.
        IndexingSummary again = Archives.index(archive, folder);
        assertEquals(1, again.embedded());
        assertEquals(tiles, Archives.tiles(archive));
        assertEquals(tiles.size(), Archives.vectors(archive));
        assertEquals(expected.stream().map(h -> List.of(h.x(), h.y())).toList(),
                searchAperio(archive).stream().map(h -> List.of(h.x(), h.y())).toList());
    }

    private static void deleteTree(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(file);
        }
    }

    private static List<SearchHit> searchAperio(Path archive) {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(archive, null)) {
            TileRecord tile = someTile(searcher.archive(), SmallFolder.APERIO);
            return searcher.searchPoint(searcher.archive().resolve(SmallFolder.APERIO), tile.x(), tile.y(),
                    new SearchOptions(5, false, 0, 0));
        }
    }

    private static TileRecord someTile(Archive store, String path) {
        SlideRecord slide = store.slide(path).orElseThrow();
        List<TileRecord> tiles = store.tilesIntersecting(slide.id(), 0, 0, slide.metadata().width(), slide.metadata().height());
        return tiles.get(tiles.size() / 2);
    }

    @Test
    void searchingWorksWhileIndexingGoesOn() throws Exception {
        Path folder = SmallFolder.createWithTiffCopy(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        CountDownLatch firstSlide = new CountDownLatch(1);
        CountDownLatch searched = new CountDownLatch(1);
        IndexingJob job = IndexingJob.start(Archives.request(archive, folder), new IndexingListener() {
            @Override
            public void slideFinished(SlideOutcome outcome) {
                if (outcome.status() == SlideOutcome.Status.EMBEDDED) {
                    firstSlide.countDown();
                }
            }

            @Override
            public void progress(IndexingProgress progress) {
                // Hold the second slide mid-way until the search is done, so it really overlaps.
                if (progress.slidesDone() == 1 && progress.currentSlide().isPresent()) {
                    try {
                        searched.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        assertTrue(firstSlide.await(120, TimeUnit.SECONDS));
        CompletableFuture<List<SearchHit>> hits = CompletableFuture.supplyAsync(() -> {
            try (ArchiveSearcher searcher = ArchiveSearcher.open(archive, null)) {
                TileRecord tile = someTile(searcher.archive(), SmallFolder.APERIO);
                return searcher.searchPoint(searcher.archive().resolve(SmallFolder.APERIO), tile.x(), tile.y(),
                        new SearchOptions(3, false, 0, 0));
            } finally {
                searched.countDown();
            }
        });
        List<SearchHit> found = hits.get(60, TimeUnit.SECONDS);
        assertFalse(job.isDone(), "the search ran while the job was still indexing");
        assertEquals(3, found.size());
        assertEquals(SmallFolder.APERIO, found.getFirst().slide().path());
        IndexingSummary summary = job.await();
        assertEquals(2, summary.embedded());
        assertEquals(Archives.tiles(archive).size(), Archives.vectors(archive));
    }
}
