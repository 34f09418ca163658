package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.CommitStamp;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.archive.WriterOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An archive written by Histoseek 0.1 (vectors as fp16 BLOBs in SQLite, index.hnsw beside it) opens. */
class V1MigrationTest {
    static final int DIM = 64;
    static final int SLIDES = 3;
    static final int PER_SLIDE = 400;

    @TempDir
    Path dir;
    Path archive;
    Map<Long, float[]> vectors;

    @BeforeEach
    void oldArchive() throws Exception {
        archive = dir.resolve("archive");
        vectors = V1Fixture.create(archive, SLIDES, PER_SLIDE, DIM);
    }

    @Test
    void aReaderRefusesInOneLineSayingHowToUpgrade() {
        var e = assertThrows(ArchiveException.class, () -> Archives.openForReading(archive));
        assertTrue(e.getMessage().contains("older Histoseek") && e.getMessage().contains("histoseek migrate --archive " + archive),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(Files.exists(archive.resolve("index.hnsw")), "a reader changes nothing");
    }

    @Test
    void aWriterMovesEveryVectorIntoTheIndexDropsTheBlobsAndTheOldGraph() throws Exception {
        long sizeBefore = Files.size(archive.resolve(Database.FILE));
        List<String> said = new ArrayList<>();
        ArchiveProgress progress = (message, done, total) -> said.add(message + " " + done + "/" + total);
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("migrate").reportingTo(progress))) {
            assertEquals(SLIDES * PER_SLIDE, writer.counts().tiles());
            assertEquals(SLIDES * PER_SLIDE, writer.vectors().count());
            assertEquals(1, writer.vectors().segments());
            // New tiles get ids above every old one.
            var added = writer.commitSlide(LocalArchiveTest.slide("new.svs"),
                    List.of(new NewTile(0, 0, 224, 1f, vectors.get(1L))));
            assertTrue(writer.tileContaining(added.id(), 0, 0).orElseThrow().id() > SLIDES * PER_SLIDE);
        }
        assertTrue(said.contains("upgrading the archive: moving its vectors into the vector index " + SLIDES * PER_SLIDE
                + "/" + SLIDES * PER_SLIDE), said.toString());
        assertFalse(Files.exists(archive.resolve("index.hnsw")));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + archive.resolve(Database.FILE));
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM pragma_table_info('tiles') WHERE name = 'vector'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the BLOB column is gone");
        }
        long blobs = (long) SLIDES * PER_SLIDE * DIM * 2;
        assertTrue(Files.size(archive.resolve(Database.FILE)) < sizeBefore - blobs,
                "VACUUM gave the BLOBs' space back: " + Files.size(archive.resolve(Database.FILE)) + " of " + sizeBefore);

        try (Archive reader = Archives.openForReading(archive)) {
            assertEquals("sha256:v1", reader.model().orElseThrow().fingerprint());
            for (long id : List.of(1L, 555L, 1200L)) {
                float[] migrated = reader.vectors().vector(id).orElseThrow();
                assertTrue(cosine(vectors.get(id), migrated) > 0.9999, "tile " + id);
                var best = reader.vectors().search(migrated, 1, 0, VectorFilter.NONE).getFirst();
                assertEquals(id, best.tileId());
                assertEquals(1f, best.score(), 1e-4);
            }
        }
    }

    @Test
    void anInterruptedMoveResumesWithOneVectorPerTile() {
        // What a kill during the move leaves: the first committed part of the vectors, the BLOBs all still there.
        try (LuceneVectorEngine engine = LuceneVectorEngine.openForWriting(archive, LuceneSettings.DEFAULTS)) {
            for (long id = 1; id <= 500; id++) {
                engine.add((id - 1) / PER_SLIDE + 1, new long[] {id}, new float[][] {vectors.get(id)});
            }
            engine.commit(new CommitStamp(0, 500));
            for (long id = 501; id <= 700; id++) {
                engine.add((id - 1) / PER_SLIDE + 1, new long[] {id}, new float[][] {vectors.get(id)});
            }
        }
        assertThrows(ArchiveException.class, () -> Archives.openForReading(archive), "still version 1");
        assertOneVectorPerTileAfterMigration();
    }

    @Test
    void aMigrationKilledAfterTheMoveFinishesWithTheSqlStep() {
        try (LuceneVectorEngine engine = LuceneVectorEngine.openForWriting(archive, LuceneSettings.DEFAULTS)) {
            for (long id = 1; id <= SLIDES * PER_SLIDE; id++) {
                engine.add((id - 1) / PER_SLIDE + 1, new long[] {id}, new float[][] {vectors.get(id)});
            }
            engine.commit(new CommitStamp(1, SLIDES * PER_SLIDE));
        }
        assertOneVectorPerTileAfterMigration();
    }

    private void assertOneVectorPerTileAfterMigration() {
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
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("migrate").reportingTo(progress))) {
            Set<Long> ids = new HashSet<>();
            writer.vectors().forEachTileId(ids::add);
            assertEquals(SLIDES * PER_SLIDE, writer.vectors().count());
            assertEquals(vectors.keySet(), ids);
        }
        assertEquals(List.of(), notes, "nothing to repair");
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
