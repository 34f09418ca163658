package io.histoseek.cluster.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.histoseek.cluster.LocalSolrCluster;
import io.histoseek.cluster.SolrClients;
import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveBusyException;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.ArchiveWriterInfo;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.cases.Vote;
import io.histoseek.index.features.FeatureImport;
import io.histoseek.index.features.ImportListener;
import io.histoseek.index.features.ImportRequest;
import io.histoseek.index.features.ImportSummary;
import io.histoseek.index.features.NameOnlySlides;
import io.histoseek.index.pipeline.IndexingJob;
import io.histoseek.index.pipeline.IndexingListener;
import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.pipeline.IndexingSummary;
import io.histoseek.index.pipeline.TilingOptions;
import io.histoseek.index.search.ArchiveLabels;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.CaseVotes;
import io.histoseek.index.search.Example;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.ModelIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SolrCloud archive against the local one, on a real 3-node cluster (2 shards x 2 replicas)
 * started once for the class: the shared slides indexed with the tiny model into both must give
 * the same slides, tiles, top 10, labels and votes; then the writes and faults only a cluster has,
 * and its one writer at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrArchiveClusterTest {
    private static final String APERIO = "CMU-1-Small-Region.svs";
    private static final String TIFF = "constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif";
    private static final String MIRAX = "constructed/CMU-1-Small-Region-mirax.mrxs";

    @TempDir
    static Path dir;
    static LocalSolrCluster cluster;
    static ArchiveAddress solr;
    static ArchiveAddress local;
    static IndexingSummary solrRun;
    static IndexingSummary localRun;

    @BeforeAll
    static void indexTheSharedSlidesIntoBoth() throws Exception {
        cluster = LocalSolrCluster.start("solr-archive", 3);
        solr = ArchiveAddress.of(cluster.address().toString());
        local = ArchiveAddress.of(dir.resolve("local"));
        localRun = index(local);
        long start = System.nanoTime();
        solrRun = index(solr);
        System.out.printf("indexed %d tiles of %d slides into %s in %.1f s%n", solrRun.tilesStored(), solrRun.embedded(),
                solr, (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static IndexingSummary index(ArchiveAddress archive) throws InterruptedException {
        IndexingRequest request = new IndexingRequest(List.of(slides()), archive, checkpoint(),
                EncoderOptions.defaults().withBatchSize(16).withHeads(OptionalInt.of(3)), 2, TilingOptions.defaults(),
                Duration.ZERO, 2, 2);
        return IndexingJob.start(request, IndexingListener.NONE).await();
    }

    @Test
    @Order(1)
    void bothArchivesHoldTheSameSlidesAndTiles() {
        try (Archive a = Archives.openForReading(local); Archive b = Archives.openForReading(solr)) {
            assertEquals(localRun.tilesStored(), solrRun.tilesStored());
            assertTrue(solrRun.tilesStored() > 200, "tiles " + solrRun.tilesStored());
            assertEquals(describe(a.slides()), describe(b.slides()));
            assertEquals(tiles(a), tiles(b));
            assertEquals(a.counts(), b.counts());
            assertEquals(b.counts().tiles(), b.vectors().count(), "one vector per tile");
            assertEquals(a.model(), b.model());
            assertEquals(a.root(), b.root());
            assertEquals(a.setting("encoder.checkpoint"), b.setting("encoder.checkpoint"));
            SlideRecord aperio = b.slide(APERIO).orElseThrow();
            TileRecord tile = b.tilesIntersecting(aperio.id(), 0, 0, aperio.metadata().width(), aperio.metadata().height()).get(20);
            assertEquals(tile, b.tileContaining(aperio.id(), tile.x() + 5, tile.y() + 5).orElseThrow());
            float[] fromLocal = a.vectors().vector(a.tileContaining(a.slide(APERIO).orElseThrow().id(), tile.x(), tile.y())
                    .orElseThrow().id()).orElseThrow();
            float[] fromSolr = b.vectors().vector(tile.id()).orElseThrow();
            assertEquals(fromLocal.length, fromSolr.length);
            for (int i = 0; i < fromLocal.length; i++) assertEquals(fromLocal[i], fromSolr[i], 1e-3, "component " + i);
        }
    }

    @Test
    @Order(2)
    void theSameQueryFindsTheSameTopTenInBoth() {
        try (ArchiveSearcher a = ArchiveSearcher.open(local, null); ArchiveSearcher b = ArchiveSearcher.open(solr, null)) {
            SlideRecord aperio = a.archive().slide(APERIO).orElseThrow();
            List<TileRecord> queries = a.archive().tilesIntersecting(aperio.id(), 0, 0, aperio.metadata().width(), aperio.metadata().height());
            for (int part = 1; part <= 4; part++) {
                TileRecord query = queries.get(part * queries.size() / 5);
                SearchOptions options = new SearchOptions(10, part % 2 == 0, 0, 0);
                List<SearchHit> fromLocal = a.searchPoint(a.archive().resolve(APERIO), query.x() + 3, query.y() + 3, options);
                List<SearchHit> fromSolr = b.searchPoint(b.archive().resolve(APERIO), query.x() + 3, query.y() + 3, options);
                assertEquals(10, fromSolr.size());
                assertEquals(above(fromLocal, fromLocal.get(9).score()), above(fromSolr, fromLocal.get(9).score()), "query " + query);
                for (int i = 0; i < 10; i++) {
                    assertEquals(fromLocal.get(i).score(), fromSolr.get(i).score(), 1e-4, "score of hit " + i);
                }
            }
            Path cmu = a.archive().resolve(APERIO);
            List<Example> examples = List.of(Example.point(cmu, queries.get(10).x(), queries.get(10).y(), true),
                    Example.point(cmu, queries.get(30).x(), queries.get(30).y(), true),
                    Example.point(cmu, queries.get(40).x(), queries.get(40).y(), false));
            List<SearchHit> refinedLocal = a.searchExamples(examples, SearchOptions.DEFAULTS);
            List<SearchHit> refinedSolr = b.searchExamples(examples, SearchOptions.DEFAULTS);
            assertEquals(above(refinedLocal, refinedLocal.get(9).score()), above(refinedSolr, refinedLocal.get(9).score()), "refined");
            List<SearchHit> rectangle = b.searchRectangle(b.archive().resolve(APERIO), 0, 0, 1000, 1000, SearchOptions.DEFAULTS);
            assertEquals(places(a.searchRectangle(a.archive().resolve(APERIO), 0, 0, 1000, 1000, SearchOptions.DEFAULTS)), places(rectangle));
        }
    }

    @Test
    @Order(3)
    void labelsAndVotesAreTheSameInBoth() {
        List<String> votes = new ArrayList<>();
        for (ArchiveAddress archive : List.of(local, solr)) {
            try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("labels"))) {
                List<SlideLabel> labels = new ArrayList<>();
                for (SlideRecord slide : writer.slides()) {
                    if (slide.status() != SlideStatus.INDEXED) continue;
                    labels.add(new SlideLabel(slide.id(), slide.path().endsWith(".svs") ? "tumour" : "normal",
                            slide.path().contains("CMU") ? "case-cmu" : null));
                }
                writer.putLabels(labels);
                assertEquals(1, writer.removeLabels(List.of(writer.slide(MIRAX).orElseThrow().id())));
            }
            try (Archive reader = Archives.openForReading(archive)) {
                Map<String, String> byPath = reader.labels().values().stream().collect(Collectors.toMap(
                        label -> reader.slide(label.slideId()).orElseThrow().path(), label -> label.label() + "/" + label.caseName()));
                assertEquals("tumour/case-cmu", byPath.get(APERIO));
                assertFalse(byPath.containsKey(MIRAX));
                ArchiveLabels labels = ArchiveLabels.of(reader);
                SlideRecord tiff = reader.slide(TIFF).orElseThrow();
                TileRecord tile = reader.tilesIntersecting(tiff.id(), 0, 0, tiff.metadata().width(), tiff.metadata().height()).get(10);
                Vote vote = new CaseVotes(reader, labels).vote(reader.vectors().vector(tile.id()).orElseThrow(), tiff.id(), 10, 0);
                votes.add(vote.votesText() + " " + vote.answer(0.5).orElse("abstain"));
            }
        }
        assertEquals(votes.get(0), votes.get(1));
    }

    @Test
    @Order(4)
    void anotherModelIsRefusedInOneLineNamingTheAddress() {
        try (ArchiveWriter writer = Archives.openForWriting(solr, WriterOptions.of("index"))) {
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> writer.bindModel(new ModelIdentity("other-fingerprint", "ViT-S/16", 384)));
            assertTrue(e.getMessage().startsWith("archive " + solr + " holds "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    @Order(5)
    void aWriteCutShortShowsNothingAndTheNextWriterDeletesIt() {
        long tiles;
        List<String> before;
        try (Archive reader = Archives.openForReading(solr)) {
            tiles = reader.vectors().count();
            before = tiles(reader);
        }
        ArchiveWriter crashed = Archives.openForWriting(solr, WriterOptions.of("index"));
        SlideRecord aperio = crashed.slide(APERIO).orElseThrow();
        SlideWrite write = crashed.beginSlide(aperio.metadata());
        float[] vector = crashed.vectors().vector(crashed.tileContaining(aperio.id(), 0, 0)
                .or(() -> crashed.tilesIntersecting(aperio.id(), 0, 0, 4000, 4000).stream().findFirst()).orElseThrow().id()).orElseThrow();
        write.add(List.of(new NewTile(0, 0, 500, 1f, vector), new NewTile(500, 0, 500, 1f, vector)));
        // No commit, no close: as if the process died here. The tiles were sent; its lock's heartbeat stopped.
        plantLock("dead-host", 4242, Instant.now().minus(Duration.ofMinutes(10)));
        try (Archive reader = Archives.openForReading(solr)) {
            assertEquals(before, tiles(reader), "the unfinished write is invisible");
            assertEquals(before.size(), reader.counts().tiles());
        }
        List<String> notes = new ArrayList<>();
        ArchiveProgress progress = new ArchiveProgress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
        try (ArchiveWriter next = Archives.openForWriting(solr, WriterOptions.of("index").reportingTo(progress))) {
            assertEquals(tiles, next.vectors().count());
            assertEquals(2, notes.size(), notes.toString());
            assertTrue(notes.getFirst().startsWith("took over the writer lock of archive " + solr + " from process 4242 on dead-host"), notes.getFirst());
            assertEquals("removed 2 tiles that an interrupted run had left unfinished in " + solr, notes.get(1));
        }
    }

    @Test
    @Order(6)
    void removingASlideTakesItsTilesOutOfEverySearch() {
        long tiles;
        try (ArchiveWriter writer = Archives.openForWriting(solr, WriterOptions.of("remove"))) {
            tiles = writer.counts().tiles();
            assertTrue(writer.removeSlide(TIFF));
            assertFalse(writer.removeSlide(TIFF));
        }
        try (ArchiveSearcher searcher = ArchiveSearcher.open(solr, null)) {
            Archive archive = searcher.archive();
            assertTrue(archive.slide(TIFF).isEmpty());
            assertTrue(archive.counts().tiles() < tiles);
            assertEquals(archive.counts().tiles(), archive.vectors().count());
            SlideRecord aperio = archive.slide(APERIO).orElseThrow();
            TileRecord tile = archive.tilesIntersecting(aperio.id(), 0, 0, 4000, 4000).get(5);
            List<SearchHit> hits = searcher.searchPoint(archive.resolve(APERIO), tile.x(), tile.y(), new SearchOptions(20, true, 0, 0));
            assertEquals(20, hits.size());
            assertTrue(hits.stream().noneMatch(hit -> hit.slide().path().equals(TIFF)), hits.toString());
        }
    }

    @Test
    @Order(7)
    void aSlideImportedByNameIsAttachedToItsFileWithItsTilesAndVectorsUntouched() throws Exception {
        Path features = dir.resolve("features/s042.h5");
        Files.createDirectories(features.getParent());
        Files.copy(shared().resolve("data/features/CMU-1-Small-Region.h5"), features);
        ImportSummary imported = new FeatureImport(new ImportRequest(solr, List.of(features), Optional.empty(), null, Optional.empty(),
                Duration.ZERO, WriterOptions.DEFAULT_SHARDS, WriterOptions.DEFAULT_REPLICAS), ImportListener.NONE, () -> false).run();
        assertEquals(1, imported.filesImported(), imported.toString());
        SlideRecord named;
        List<String> before;
        try (Archive reader = Archives.openForReading(solr)) {
            named = reader.slide("s042").orElseThrow();
            assertEquals(SlideStatus.MISSING, named.status());
            before = tilesWithVectors(reader, named.id());
            assertEquals(51, before.size());
        }
        Path file = dir.resolve("drive/deep/s042.svs");
        Files.createDirectories(file.getParent());
        Files.copy(slides().resolve(APERIO), file);
        try (ArchiveWriter writer = Archives.openForWriting(solr, WriterOptions.of("relink"))) {
            NameOnlySlides found = NameOnlySlides.find(writer, dir.resolve("drive"), Set.of());
            assertEquals(1, found.withFiles());
            // Outside the archive's root, so stored with its absolute path.
            assertEquals(new NameOnlySlides.Outcome(List.of(new NameOnlySlides.Attached("s042", file.toString())), List.of(), 1),
                    found.attach(writer));
            ArchiveException again = assertThrows(ArchiveException.class, () -> writer.attachSlide("s042", named.metadata()));
            assertEquals("archive " + solr + ": cannot attach s042 to s042: no slide of that name", again.getMessage());
            ArchiveException fileSlide = assertThrows(ArchiveException.class, () -> writer.attachSlide(APERIO,
                    new SlideMetadata("moved/" + APERIO, 1, 1, null, null, 0, "", 1, 1)));
            assertEquals("archive " + solr + ": cannot attach " + APERIO + " to moved/" + APERIO + ": it is not a slide imported by name",
                    fileSlide.getMessage());
        }
        try (ArchiveSearcher searcher = ArchiveSearcher.open(solr, null)) {
            Archive archive = searcher.archive();
            SlideRecord attached = archive.slide(file.toString()).orElseThrow();
            assertEquals(named.id(), attached.id());
            assertEquals(SlideStatus.INDEXED, attached.status());
            assertEquals(List.of(2220L, 2967L, 0.499, "slide"), List.of(attached.metadata().width(), attached.metadata().height(),
                    attached.metadata().mpp(), attached.metadata().mppSource()));
            assertTrue(archive.slide("s042").isEmpty());
            assertEquals(before, tilesWithVectors(archive, attached.id()), "the same tile ids, places and vector bits");
            assertEquals(archive.counts().tiles(), archive.vectors().count());
            TileRecord tile = archive.tilesIntersecting(attached.id(), 0, 0, 4000, 4000).get(7);
            SearchHit first = searcher.searchPoint(file, tile.x(), tile.y(), new SearchOptions(1, false, 0, 0)).getFirst();
            assertEquals(file.toString(), first.slide().path());
            assertEquals(1.0, first.score(), 1e-4);
        }
    }

    @Test
    @Order(7)
    void anAddressWithATypoOrAMissingCollectionIsRefusedInOneLine() {
        String typo = "solr://" + cluster.zkHost().replace(":", "") + "/histoseek";
        ArchiveException e = assertThrows(ArchiveException.class, () -> Archives.openForReading(ArchiveAddress.of(typo)));
        assertTrue(e.getMessage().startsWith("archive address '" + typo + "' is not valid: ZooKeeper host"), e.getMessage());
        ArchiveException scheme = assertThrows(ArchiveException.class,
                () -> Archives.openForReading(ArchiveAddress.of("sorl://" + cluster.zkHost() + "/histoseek")));
        assertTrue(scheme.getMessage().contains("unknown scheme 'sorl'"), scheme.getMessage());
        String missing = "solr://" + cluster.zkHost() + "/histoseke";
        ArchiveException absent = assertThrows(ArchiveException.class, () -> Archives.openForReading(ArchiveAddress.of(missing)));
        assertEquals("archive " + missing + " does not exist (collections on " + cluster.zkHost() + ": histoseek)", absent.getMessage());
        for (ArchiveException one : List.of(e, scheme, absent)) assertFalse(one.getMessage().contains("\n"));
    }

    /** The wizard's check before a run: a typo fails as opening would; a reachable cluster passes without creating the collection. */
    @Test
    @Order(7)
    void checkingAnAddressNamesATypoAndCreatesNothing() {
        String typo = "solr://" + cluster.zkHost().replace(":", "") + "/histoseek";
        ArchiveException e = assertThrows(ArchiveException.class, () -> Archives.check(ArchiveAddress.of(typo)));
        assertTrue(e.getMessage().startsWith("archive address '" + typo + "' is not valid: ZooKeeper host"), e.getMessage());
        ArchiveAddress fresh = ArchiveAddress.of("solr://" + cluster.zkHost() + "/checked_only");
        Archives.check(fresh);
        ArchiveException absent = assertThrows(ArchiveException.class, () -> Archives.openForReading(fresh));
        assertTrue(absent.getMessage().startsWith("archive " + fresh + " does not exist"), absent.getMessage());
    }

    @Test
    @Order(9)
    void aSecondWriterIsRefusedInOneLineNamingTheHolderWhileReadersGoOn() {
        try (ArchiveWriter first = Archives.openForWriting(solr, WriterOptions.of("labels"))) {
            ArchiveBusyException refused = assertThrows(ArchiveBusyException.class,
                    () -> Archives.openForWriting(solr, WriterOptions.of("remove")));
            assertTrue(Pattern.matches("archive " + Pattern.quote(solr.toString()) + " is being written by process "
                    + ProcessHandle.current().pid() + " on .+ \\(labels started \\d\\d:\\d\\d\\); try again when it ends",
                    refused.getMessage()), refused.getMessage());
            assertEquals("labels", refused.holder().orElseThrow().command());
            try (Archive reader = Archives.openForReading(solr)) {
                assertTrue(reader.counts().tiles() > 0, "a reader opens beside the writer");
            }
            first.putSetting("lock.test", "first"); // the holder still writes
        }
        try (ArchiveWriter next = Archives.openForWriting(solr, WriterOptions.of("remove"))) {
            assertEquals(Optional.of("first"), next.setting("lock.test"), "the lock went with the first writer");
        }
    }

    @Test
    @Order(10)
    void aWaitingWriterIsToldOnceWhomItWaitsForAndGetsTheArchiveWhenTheHolderCloses() {
        ArchiveWriter first = Archives.openForWriting(solr, WriterOptions.of("index"));
        List<ArchiveWriterInfo> told = new CopyOnWriteArrayList<>();
        ArchiveProgress progress = new ArchiveProgress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public void waitingForWriter(ArchiveWriterInfo holder) {
                told.add(holder);
                Thread.ofPlatform().start(() -> {
                    sleep(1500);
                    first.close();
                });
            }
        };
        long start = System.nanoTime();
        try (ArchiveWriter second = Archives.openForWriting(solr, WriterOptions.of("relink").waiting(Duration.ofSeconds(60))
                .reportingTo(progress))) {
            assertTrue(System.nanoTime() - start > 1_000_000_000L, "it waited");
            second.putSetting("lock.test", "second");
        }
        assertEquals(1, told.size(), told.toString());
        assertEquals(ProcessHandle.current().pid(), told.getFirst().pid());
        assertEquals("index", told.getFirst().command());
        assertTrue(told.getFirst().host().isPresent(), told.toString());
    }

    @Test
    @Order(11)
    void theLockOfAWriterThatStoppedBeatingIsTakenOverAndSaidSo() {
        plantLock("ws-07", 4242, Instant.now()); // alive on another machine
        ArchiveBusyException refused = assertThrows(ArchiveBusyException.class, () -> Archives.openForWriting(solr, WriterOptions.of("index")));
        assertTrue(refused.getMessage().startsWith("archive " + solr + " is being written by process 4242 on ws-07 (index started "),
                refused.getMessage());
        plantLock("ws-07", 4242, Instant.now().minus(Duration.ofSeconds(300))); // killed 5 minutes ago
        List<String> notes = new ArrayList<>();
        try (ArchiveWriter writer = Archives.openForWriting(solr, WriterOptions.of("index").reportingTo(ArchiveProgress.asNotes(notes::add, h -> { })))) {
            writer.putSetting("lock.test", "took over");
        }
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(Pattern.matches("took over the writer lock of archive " + Pattern.quote(solr.toString())
                + " from process 4242 on ws-07 \\(index started \\d\\d:\\d\\d\\): its last heartbeat was 30\\d s ago"
                + " \\(a writer silent for 60 s is taken for dead\\)", notes.getFirst()), notes.getFirst());
        assertTrue(lockHolder().isEmpty(), "released on close");
    }

    @Test
    @Order(12)
    void aWriterWhoseLockWasTakenOverFailsAtItsNextWriteInOneLine() {
        ArchiveWriter writer = Archives.openForWriting(solr, WriterOptions.of("labels"));
        plantLock("ws-08", 4343, Instant.now()); // as if another machine took it over while this writer was silent
        ArchiveException lost = assertThrows(ArchiveException.class, () -> writer.putSetting("lock.test", "lost"));
        assertTrue(Pattern.matches("archive " + Pattern.quote(solr.toString()) + ": lost the writer lock to process 4343 on ws-08"
                + " \\(index started \\d\\d:\\d\\d\\), which took it over when this writer's heartbeat stopped; nothing more is written",
                lost.getMessage()), lost.getMessage());
        assertThrows(ArchiveException.class, () -> writer.removeSlide(APERIO), "every later write fails too");
        writer.close();
        assertEquals(Optional.of(4343L), lockHolder(), "closing did not release the new holder's lock");
        try (Archive reader = Archives.openForReading(solr)) {
            assertEquals(Optional.of("took over"), reader.setting("lock.test"), "nothing was written");
            assertTrue(reader.slide(APERIO).isPresent());
        }
        deleteLock();
    }

    @Test
    @Order(20)
    void searchGivesTheSameTopTenWithANodeKilled() {
        try (ArchiveSearcher searcher = ArchiveSearcher.open(solr, null)) {
            Archive archive = searcher.archive();
            SlideRecord aperio = archive.slide(APERIO).orElseThrow();
            List<TileRecord> queries = archive.tilesIntersecting(aperio.id(), 0, 0, 4000, 4000);
            List<List<String>> before = new ArrayList<>();
            for (int q = 0; q < 5; q++) {
                TileRecord tile = queries.get(q * 7);
                before.add(places(searcher.searchPoint(archive.resolve(APERIO), tile.x(), tile.y(), SearchOptions.DEFAULTS)));
            }
            System.out.println(cluster.killNode(1).strip());
            for (int q = 0; q < 5; q++) {
                TileRecord tile = queries.get(q * 7);
                assertEquals(before.get(q), places(searcher.searchPoint(archive.resolve(APERIO), tile.x(), tile.y(), SearchOptions.DEFAULTS)),
                        "query " + q + " with node 1 dead");
            }
        }
        try (Archive reopened = Archives.openForReading(solr)) {
            assertTrue(reopened.slide(APERIO).isPresent(), "a new reader opens with a node dead");
        }
    }

    /** A slide's tiles (id, place) with their vectors' exact bits, in tile id order. */
    private static List<String> tilesWithVectors(Archive archive, long slideId) {
        return archive.tilesIntersecting(slideId, 0, 0, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4).stream()
                .sorted(java.util.Comparator.comparingLong(TileRecord::id))
                .map(tile -> tile + " " + java.util.Arrays.toString(archive.vectors().vector(tile.id()).orElseThrow())).toList();
    }

    /** Writes the lock document as another machine's writer would, its heartbeat at {@code heartbeat}. */
    private static void plantLock(String host, long pid, Instant heartbeat) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, SolrFields.LOCK_DOC_ID);
        doc.setField(SolrFields.KIND, SolrFields.Kind.LOCK.value());
        doc.setField(SolrFields.WRITER_TOKEN, "planted-" + host);
        doc.setField(SolrFields.WRITER_HOST, host);
        doc.setField(SolrFields.WRITER_PID, pid);
        doc.setField(SolrFields.WRITER_COMMAND, "index");
        doc.setField(SolrFields.WRITER_STARTED, heartbeat.minus(Duration.ofMinutes(1)).toEpochMilli());
        doc.setField(SolrFields.WRITER_HEARTBEAT, heartbeat.toEpochMilli());
        try (CloudSolrClient client = SolrClients.connect(cluster.address())) {
            client.add(cluster.address().collection(), doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pid the lock document names, or empty when there is none. */
    private static Optional<Long> lockHolder() {
        try (CloudSolrClient client = SolrClients.connect(cluster.address())) {
            SolrDocument doc = client.getById(cluster.address().collection(), SolrFields.LOCK_DOC_ID);
            return Optional.ofNullable(doc).map(d -> ((Number) d.getFirstValue(SolrFields.WRITER_PID)).longValue());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteLock() {
        try (CloudSolrClient client = SolrClients.connect(cluster.address())) {
            client.deleteById(cluster.address().collection(), SolrFields.LOCK_DOC_ID);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> describe(List<SlideRecord> slides) {
        return slides.stream().map(s -> s.path() + " " + s.status() + " " + s.metadata() + " " + s.failureReason()).toList();
    }

    private static List<String> tiles(Archive archive) {
        List<String> tiles = new ArrayList<>();
        archive.forEachTile((slide, tile) -> tiles.add(slide + "\t" + tile.x() + "\t" + tile.y() + "\t" + tile.size() + "\t" + tile.tissueFraction()));
        return tiles;
    }

    /**
     * The places of the hits that score clearly above {@code score} (copies of one image tie at the 10th place), in name
     * order: the two engines round near-equal scores of copies apart differently, and the scores are compared rank by rank.
     */
    private static List<String> above(List<SearchHit> hits, float score) {
        return places(hits.stream().filter(hit -> hit.score() > score + 1e-4).toList()).stream().sorted().toList();
    }

    /** Hits as slide@x,y; equal scores (the shared slides hold copies of one image) in name order. */
    private static List<String> places(List<SearchHit> hits) {
        return hits.stream().sorted(java.util.Comparator.comparingDouble((SearchHit hit) -> -hit.score())
                        .thenComparing(hit -> hit.slide().path()))
                .map(hit -> hit.slide().path() + "@" + hit.x() + "," + hit.y()).toList();
    }

    private static Path shared() {
        Path shared = Path.of(System.getProperty("histoseek.shared", "../../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(shared.resolve("data/slides"))) throw new IllegalStateException("test slides missing under " + shared);
        return shared;
    }

    private static Path slides() {
        return shared().resolve("data/slides");
    }

    private static Path checkpoint() {
        return shared().resolve("fixtures/model/tiny-hoptimus.pth");
    }
}
