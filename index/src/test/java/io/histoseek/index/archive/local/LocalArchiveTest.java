package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveCounts;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.TileLocation;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local archive through the engine-neutral API: a real folder with SQLite and Lucene. */
class LocalArchiveTest {
    static final ModelIdentity MODEL = new ModelIdentity("sha256:aaaa", "vit_g14", 8);

    @TempDir
    Path dir;

    static float[] unit(int dimension, int hot) {
        float[] v = new float[dimension];
        v[hot % dimension] = 1;
        return v;
    }

    static List<NewTile> grid(int columns, int rows, int size, int dimension) {
        List<NewTile> tiles = new ArrayList<>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) tiles.add(new NewTile((long) c * size, (long) r * size, size, 0.9f, unit(dimension, r * columns + c)));
        return tiles;
    }

    static SlideMetadata slide(String path) {
        return new SlideMetadata(path, 1234, 5678, "qh-" + path, "aperio", 0.5, "slide", 4096, 2048);
    }

    ArchiveWriter writer(Path folder) {
        return Archives.openForWriting(folder, WriterOptions.of("test").creatingWithRoot(folder.resolveSibling("slides")));
    }

    ArchiveWriter writerWithModel() {
        ArchiveWriter writer = writer(dir.resolve("a"));
        writer.bindModel(MODEL);
        return writer;
    }

    @Test
    void createsReopensAndRecordsRootRelativePaths() {
        Path root = dir.resolve("slides");
        try (ArchiveWriter store = writer(dir.resolve("a"))) {
            assertEquals(root.toAbsolutePath(), store.root());
            assertEquals("sub/x.svs", store.storedPath(root.resolve("sub/x.svs")));
            assertEquals("/elsewhere/y.svs", store.storedPath(Path.of("/elsewhere/y.svs")));
            assertEquals(TileSpec.DEFAULT, store.tileSpec());
        }
        try (ArchiveWriter store = Archives.openForWriting(dir.resolve("a"), WriterOptions.of("relink"))) {
            store.relink(dir.resolve("moved"));
        }
        try (Archive store = Archives.openForReading(dir.resolve("a"))) {
            assertEquals(dir.resolve("moved").resolve("sub/x.svs"), store.resolve("sub/x.svs"));
            var refused = assertThrows(ArchiveException.class, () -> ((ArchiveWriter) store).relink(root));
            assertTrue(refused.getMessage().contains("opened for reading"), refused.getMessage());
        }
    }

    @Test
    void aMissingArchiveIsAOneLineErrorAndNothingIsCreated() {
        for (var open : List.<Runnable>of(() -> Archives.openForReading(dir.resolve("none")),
                () -> Archives.openForWriting(dir.resolve("none"), WriterOptions.of("remove")))) {
            var e = assertThrows(ArchiveException.class, open::run);
            assertTrue(e.getMessage().contains("no such archive folder"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertFalse(Files.exists(dir.resolve("none")));
        var e = assertThrows(ArchiveException.class, () -> Archives.openForReading(dir));
        assertTrue(e.getMessage().contains("no archive here"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(Database.FILE)), "a reader never creates a database");
    }

    @Test
    void refusesAnArchiveFromANewerVersionAndOneCutWithAnotherTileSpec() throws Exception {
        writer(dir.resolve("a")).close();
        Path db = dir.resolve("a").resolve(Database.FILE);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var st = c.createStatement()) {
            st.execute("UPDATE meta SET value = '256px@0.5um/256' WHERE key = 'tile_spec'");
        }
        for (var open : List.<Runnable>of(() -> Archives.openForReading(dir.resolve("a")), () -> writer(dir.resolve("a")))) {
            var e = assertThrows(ArchiveException.class, open::run);
            assertTrue(e.getMessage().contains("tiles of 256 px at 0.5 um/px") && e.getMessage().contains("224 px"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (Schema.CURRENT_VERSION + 1));
        }
        var e = assertThrows(ArchiveException.class, () -> Archives.openForReading(dir.resolve("a")));
        assertTrue(e.getMessage().contains("newer Histoseek") && e.getMessage().contains(Database.FILE), e.getMessage());
    }

    @Test
    void anUpgradeStepIsAllOrNothing() throws Exception {
        writer(dir.resolve("a")).close();
        Database db = Database.open(dir.resolve("a"));
        try (db) {
            var broken = new Schema.Upgrade(Schema.CURRENT_VERSION + 1, List.of("CREATE TABLE extra (x INTEGER)", "THIS IS NOT SQL"));
            assertThrows(ArchiveException.class, () -> db.write("upgrade", c -> {
                Schema.apply(c, broken);
                return null;
            }));
            assertEquals(Schema.CURRENT_VERSION, db.read("version", Schema::version));
            assertEquals(0, (int) db.read("tables", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'extra'")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }), "a half-applied upgrade left a table behind");
        }
    }

    @Test
    void refusesVectorsFromAnotherCheckpointOrOfAnotherLength() {
        try (ArchiveWriter store = writerWithModel()) {
            store.bindModel(MODEL);
            var e = assertThrows(ArchiveException.class, () -> store.bindModel(new ModelIdentity("sha256:bbbb", "vit_g14", 8)));
            assertTrue(e.getMessage().contains("sha256:aaaa") && e.getMessage().contains("sha256:bbbb"), e.getMessage());
            var wrongDim = List.of(new NewTile(0, 0, 10, 1f, new float[9]));
            assertThrows(ArchiveException.class, () -> store.commitSlide(slide("a.svs"), wrongDim));
            assertEquals(0, store.counts().tiles());
            assertEquals(0, store.vectors().count());
        }
    }

    @Test
    void aSlideIsReplacedWholeAndAHalfWrittenOneLeavesNoTrace() {
        try (ArchiveWriter store = writerWithModel()) {
            SlideRecord s = store.commitSlide(slide("a.svs"), grid(3, 1, 100, 8));
            assertEquals(SlideStatus.INDEXED, s.status());
            long firstId = store.locations(List.of(1L, 2L, 3L)).keySet().stream().min(Long::compare).orElseThrow();
            store.commitSlide(slide("a.svs"), grid(2, 1, 100, 8));
            assertEquals(2, store.counts().tiles());
            assertEquals(2, store.vectors().count(), "the replaced tiles' vectors are gone");
            assertTrue(store.locations(List.of(firstId)).isEmpty(), "tile ids are not reused");

            // A failure half-way (a bad vector in the second batch) keeps the previous tiles, all of them.
            try (SlideWrite write = store.beginSlide(slide("a.svs"))) {
                write.add(grid(5, 1, 100, 8));
                assertThrows(ArchiveException.class, () -> write.add(List.of(new NewTile(0, 200, 100, 1f, null))));
            }
            assertEquals(2, store.counts().tiles());
            assertEquals(1, store.counts().slidesIndexed());
            store.compact();
            assertEquals(2, store.vectors().count(), "the abandoned vectors never count");
        }
    }

    @Test
    void removingAndReindexingOneSlideTouchesNoOther() {
        try (ArchiveWriter store = writerWithModel()) {
            SlideRecord a = store.commitSlide(slide("a.svs"), grid(4, 3, 100, 8));
            SlideRecord b = store.commitSlide(slide("b.svs"), grid(2, 2, 100, 8));
            store.compact();
            assertEquals(16, store.vectors().count());
            assertTrue(store.removeSlide("a.svs"));
            assertFalse(store.removeSlide("a.svs"));
            assertEquals(4, store.counts().tiles());
            assertEquals(4, store.vectors().count());
            assertEquals(List.of(), store.vectors().search(unit(8, 0), 5, 0, VectorFilter.only(List.of(a.id()))));
            assertEquals(4, store.vectors().search(unit(8, 0), 5, 0, VectorFilter.only(List.of(b.id()))).size());

            SlideRecord again = store.commitSlide(slide("a.svs"), grid(1, 1, 100, 8));
            assertTrue(again.id() > b.id(), "a removed slide's id is not reused");
            assertEquals(5, store.vectors().count());
            assertEquals(Map.of(b.id(), 4L, again.id(), 1L), store.tileCountsBySlide());
        }
    }

    @Test
    void recordsFailuresAndCounts() {
        try (ArchiveWriter store = writerWithModel()) {
            SlideRecord good = store.commitSlide(slide("good.svs"), grid(2, 2, 50, 8));
            SlideRecord bad = store.markFailed(slide("bad.svs"), "not a slide: unsupported format");
            assertEquals(SlideStatus.FAILED, bad.status());
            assertEquals("not a slide: unsupported format", store.slide("bad.svs").orElseThrow().failureReason());
            store.markPending(slide("later.svs"));
            store.markMissing("good.svs");
            assertEquals(new ArchiveCounts(0, 1, 1, 1, 4), store.counts());
            assertEquals(Map.of(good.id(), 4L), store.tileCountsBySlide(), "failed and pending slides have no tiles");
        }
    }

    @Test
    void pointLookupsAndVectorsOfASlide() {
        try (ArchiveWriter writer = writerWithModel()) {
            writer.commitSlide(slide("a.svs"), grid(4, 3, 100, 8));
            writer.commitSlide(slide("b.svs"), grid(2, 2, 100, 8));
        }
        try (Archive store = Archives.openForReading(dir.resolve("a"))) {
            SlideRecord a = store.slide("a.svs").orElseThrow();
            TileRecord t = store.tileContaining(a.id(), 250, 199).orElseThrow();
            assertEquals(200, t.x());
            assertEquals(100, t.y());
            assertTrue(store.tileContaining(a.id(), 400, 0).isEmpty(), "right of the last column is glass");
            assertEquals(4, store.tilesIntersecting(a.id(), 150, 50, 100, 100).size());
            assertEquals(1, store.tilesIntersecting(a.id(), 100, 100, 100, 100).size());

            TileLocation where = store.locations(List.of(t.id())).get(t.id());
            assertEquals("a.svs", where.slide().path());
            assertEquals(0.5, where.slide().metadata().mpp());
            assertArrayEquals(unit(8, 6), store.vectors().vector(t.id()).orElseThrow());

            List<float[]> vectors = new ArrayList<>();
            store.vectors().forEachVectorOfSlide(a.id(), (id, v) -> vectors.add(v));
            assertEquals(12, vectors.size());
            for (int i = 0; i < 12; i++) assertArrayEquals(unit(8, i), vectors.get(i), "tile " + i + " in slide order");
        }
    }

    @Test
    void aSlideKnownByNameIsAttachedToItsFileKeepingItsTilesAndVectorsAndARefusalChangesNothing() {
        Path folder = dir.resolve("a");
        SlideRecord named;
        SlideMetadata file = new SlideMetadata("deep/s042.svs", 1_900_000, 77, "qh-file", "aperio", 0.499, "slide", 2220, 2967);
        String tilesAndVectors;
        try (ArchiveWriter store = writerWithModel()) {
            named = store.commitSlide(new SlideMetadata("s042", 0, 0, null, null, 0.5, "objective-power (estimate)", 400, 300),
                    grid(4, 3, 100, 8));
            store.markMissing("s042");
            SlideRecord other = store.commitSlide(slide("b.svs"), grid(2, 2, 100, 8));
            store.putLabels(List.of(new SlideLabel(named.id(), "tumour", "case-1")));
            tilesAndVectors = tilesAndVectors(store);
            List<SlideRecord> slides = store.slides();

            assertAttachRefused(store, "nope", file, "no slide of that name");
            assertAttachRefused(store, "b.svs", file, "it is not a slide imported by name");
            assertAttachRefused(store, "s042", slide("b.svs"), "another slide of the archive has that path");
            assertAttachRefused(store, "s042", slide("s043"), "that is not a slide file");
            assertEquals(slides, store.slides(), "a refusal changes no slide");
            assertEquals(tilesAndVectors, tilesAndVectors(store));

            SlideRecord attached = store.attachSlide("s042", file);
            assertEquals(new SlideRecord(named.id(), file, SlideStatus.INDEXED, null), attached);
            assertTrue(store.slide("s042").isEmpty(), "no longer known by its name");
            assertEquals(new ArchiveCounts(2, 0, 0, 0, 16), store.counts());
            assertEquals(tilesAndVectors, tilesAndVectors(store), "the same tile ids, places and vector bits, no engine commit");
            assertEquals(Map.of(named.id(), new SlideLabel(named.id(), "tumour", "case-1")), store.labels());
            // The engine's documents carry the slide id, which did not change: a filter on it still finds the slide's tiles.
            assertEquals(12, store.vectors().search(unit(8, 0), 20, 0, VectorFilter.only(List.of(named.id()))).size());
            assertEquals(4, store.vectors().search(unit(8, 0), 20, 0, VectorFilter.allBut(List.of(named.id()))).size());
            assertEquals(other, store.slide("b.svs").orElseThrow());
            assertAttachRefused(store, "s042", file, "no slide of that name");
        }
        try (Archive store = Archives.openForReading(folder)) {
            SlideRecord reopened = store.slide("deep/s042.svs").orElseThrow();
            assertEquals(new SlideRecord(named.id(), file, SlideStatus.INDEXED, null), reopened);
            assertEquals(tilesAndVectors, tilesAndVectors(store));
            TileRecord tile = store.tileContaining(reopened.id(), 250, 150).orElseThrow();
            assertEquals("deep/s042.svs", store.locations(List.of(tile.id())).get(tile.id()).slide().path());
        }
    }

    private static void assertAttachRefused(ArchiveWriter store, String name, SlideMetadata found, String reason) {
        ArchiveException e = assertThrows(ArchiveException.class, () -> store.attachSlide(name, found));
        assertEquals(store.address() + ": cannot attach " + name + " to " + found.path() + ": " + reason, e.getMessage());
    }

    /** Every tile (id, slide id, place) with its vector's exact bits, and the engine's last commit stamp. */
    private static String tilesAndVectors(Archive store) {
        List<TileRecord> tiles = new ArrayList<>();
        store.forEachTile((path, tile) -> tiles.add(tile));
        tiles.sort(java.util.Comparator.comparingLong(TileRecord::id));
        StringBuilder out = new StringBuilder(store.vectors().committed().toString());
        for (TileRecord tile : tiles) {
            float[] vector = store.vectors().vector(tile.id()).orElseThrow();
            int[] bits = new int[vector.length];
            for (int i = 0; i < vector.length; i++) bits[i] = Float.floatToRawIntBits(vector[i]);
            out.append('\n').append(tile).append(' ').append(java.util.Arrays.toString(bits));
        }
        return out.toString();
    }
}
