package io.histoseek.index.store;

import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ArchiveStoreTest {
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
        return new SlideMetadata(path, 1234, 5678, "qh-" + path, "aperio", 0.5, 4096, 2048);
    }

    @Test
    void createsReopensAndRecordsRootRelativePaths() {
        Path root = dir.resolve("slides");
        try (ArchiveStore store = ArchiveStore.openOrCreate(dir.resolve("a"), root)) {
            assertEquals(root.toAbsolutePath(), store.root());
            assertEquals("sub/x.svs", store.storedPath(root.resolve("sub/x.svs")));
            assertEquals("/elsewhere/y.svs", store.storedPath(Path.of("/elsewhere/y.svs")));
        }
        try (ArchiveStore store = ArchiveStore.open(dir.resolve("a"))) {
            assertEquals(root.toAbsolutePath(), store.root());
            store.relink(dir.resolve("moved"));
            assertEquals(dir.resolve("moved").resolve("sub/x.svs"), store.resolve("sub/x.svs"));
        }
    }

    @Test
    void missingArchiveIsOneLineError() {
        var e = assertThrows(ArchiveException.class, () -> ArchiveStore.open(dir.resolve("none")));
        assertTrue(e.getMessage().contains("no archive here"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void refusesArchiveFromNewerVersion() throws Exception {
        ArchiveStore.openOrCreate(dir, dir).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ArchiveStore.DATABASE_FILE))) {
            c.createStatement().execute("PRAGMA user_version = " + (Schema.CURRENT_VERSION + 1));
        }
        var e = assertThrows(ArchiveException.class, () -> ArchiveStore.open(dir));
        assertTrue(e.getMessage().contains("newer Histoseek"), e.getMessage());
        assertTrue(e.getMessage().contains(ArchiveStore.DATABASE_FILE), e.getMessage());
    }

    @Test
    void migrationIsAllOrNothing() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("m.db"))) {
            Schema.migrate(c, "m.db");
            assertEquals(Schema.CURRENT_VERSION, Schema.version(c));
            var broken = new Schema.Migration(Schema.CURRENT_VERSION + 1,
                    List.of("CREATE TABLE extra (x INTEGER)", "THIS IS NOT SQL"));
            assertThrows(java.sql.SQLException.class, () -> Schema.applyInOneTransaction(c, broken));
            assertEquals(Schema.CURRENT_VERSION, Schema.version(c));
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'extra'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "half-applied migration left a table behind");
            }
        }
    }

    @Test
    void refusesVectorsFromAnotherCheckpoint() {
        try (ArchiveStore store = ArchiveStore.openOrCreate(dir, dir)) {
            store.bindModel(MODEL);
            store.bindModel(MODEL);
            var e = assertThrows(ArchiveException.class,
                    () -> store.bindModel(new ModelIdentity("sha256:bbbb", "vit_g14", 8)));
            assertTrue(e.getMessage().contains("sha256:aaaa") && e.getMessage().contains("sha256:bbbb"), e.getMessage());
            var wrongDim = List.of(new NewTile(0, 0, 10, 1f, new float[9]));
            assertThrows(ArchiveException.class, () -> store.commitSlide(slide("a.svs"), wrongDim));
        }
    }

    @Test
    void fp16RoundTripIsCloseAndExactForHalfValues() {
        float[] v = {0f, 1f, -0.5f, 0.1234567f, 3.0e-3f, -65504f};
        float[] back = Fp16.decode(Fp16.encode(v));
        for (int i = 0; i < v.length; i++) assertEquals(v[i], back[i], Math.abs(v[i]) * 1e-3 + 1e-7);
        assertEquals(1f, back[1]);
        assertEquals(-0.5f, back[2]);
        assertEquals(12, Fp16.encode(v).length);
    }

    @Test
    void commitReplacesAllTilesOfASlideAtomically() {
        try (ArchiveStore store = ArchiveStore.openOrCreate(dir, dir)) {
            store.bindModel(MODEL);
            SlideRecord s = store.commitSlide(slide("a.svs"), grid(3, 1, 100, 8));
            assertEquals(SlideStatus.INDEXED, s.status());
            long maxBefore = store.counts().maxTileId();
            store.commitSlide(slide("a.svs"), grid(2, 1, 100, 8));
            assertEquals(2, store.counts().tiles());
            assertTrue(store.counts().maxTileId() > maxBefore, "tile ids are not reused");

            // A failure half-way through the transaction keeps the previous tiles, all of them.
            List<NewTile> broken = new ArrayList<>(grid(5, 1, 100, 8));
            broken.add(new NewTile(0, 100, 100, 1f, new float[8]));
            broken.add(new NewTile(0, 200, 100, 1f, null));
            assertThrows(RuntimeException.class, () -> store.commitSlide(slide("a.svs"), broken));
            assertEquals(2, store.counts().tiles());
            assertEquals(1, store.counts().slidesIndexed());
        }
    }

    @Test
    void recordsFailuresAndCounts() {
        try (ArchiveStore store = ArchiveStore.openOrCreate(dir, dir)) {
            store.bindModel(MODEL);
            SlideRecord good = store.commitSlide(slide("good.svs"), grid(2, 2, 50, 8));
            SlideRecord bad = store.markFailed(slide("bad.svs"), "not a slide: unsupported format");
            assertEquals(SlideStatus.FAILED, bad.status());
            assertEquals("not a slide: unsupported format", store.slide("bad.svs").orElseThrow().failureReason());
            store.markPending(slide("later.svs"));
            ArchiveCounts counts = store.counts();
            assertEquals(1, counts.slidesIndexed());
            assertEquals(1, counts.slidesFailed());
            assertEquals(1, counts.slidesPending());
            assertEquals(4, counts.tiles());
            assertEquals(java.util.Map.of(good.id(), 4L), store.tileCountsBySlide(), "failed and pending slides have no tiles");
            assertTrue(store.removeSlide("good.svs"));
            assertEquals(0, store.counts().tiles(), "tiles go with their slide");
        }
    }

    @Test
    void bulkReadAndPointLookups() {
        try (ArchiveStore store = ArchiveStore.openOrCreate(dir, dir)) {
            store.bindModel(MODEL);
            SlideRecord a = store.commitSlide(slide("a.svs"), grid(4, 3, 100, 8));
            store.commitSlide(slide("b.svs"), grid(2, 2, 100, 8));

            List<Long> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            assertEquals(16, store.forEachVector(0, 100, (id, v) -> { ids.add(id); vectors.add(v); }));
            for (int i = 1; i < ids.size(); i++) assertTrue(ids.get(i) > ids.get(i - 1));
            assertArrayEquals(unit(8, 5), vectors.get(5));
            assertEquals(4, store.forEachVector(ids.get(11), 100, (id, v) -> { }));
            assertEquals(3, store.forEachVector(ids.get(11), 3, (id, v) -> { }));

            TileRecord t = store.tileContaining(a.id(), 250, 199).orElseThrow();
            assertEquals(200, t.x());
            assertEquals(100, t.y());
            assertTrue(store.tileContaining(a.id(), 400, 0).isEmpty(), "right of the last column is glass");
            assertEquals(4, store.tilesIntersecting(a.id(), 150, 50, 100, 100).size());
            assertEquals(1, store.tilesIntersecting(a.id(), 100, 100, 100, 100).size());

            TileLocation where = store.location(t.id()).orElseThrow();
            assertEquals("a.svs", where.slide().path());
            assertEquals(0.5, where.slide().metadata().mpp());
            assertArrayEquals(unit(8, 6), store.vector(t.id()).orElseThrow());
        }
    }
}
