package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ClusteredVectors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an archive the way Histoseek 0.1 did (schema version 1): the DDL below is copied verbatim
 * from that version's Schema.java, each tile's vector an fp16 BLOB, and an {@code index.hnsw} with
 * the old file's magic. Independent of the main code on purpose: it stands for files on disk.
 */
final class V1Fixture {
    static final List<String> V1_DDL = List.of(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE model (
              id INTEGER PRIMARY KEY CHECK (id = 1),
              checkpoint TEXT NOT NULL,
              architecture TEXT NOT NULL,
              dimension INTEGER NOT NULL)""",
            """
            CREATE TABLE slides (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              path TEXT NOT NULL UNIQUE,
              size_bytes INTEGER NOT NULL,
              mtime_ms INTEGER NOT NULL,
              quickhash TEXT,
              vendor TEXT,
              mpp REAL NOT NULL DEFAULT 0,
              width INTEGER NOT NULL DEFAULT 0,
              height INTEGER NOT NULL DEFAULT 0,
              status TEXT NOT NULL CHECK (status IN ('PENDING', 'INDEXED', 'FAILED', 'MISSING')),
              failure_reason TEXT,
              max_tile_size INTEGER NOT NULL DEFAULT 0)""",
            """
            CREATE TABLE tiles (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              slide_id INTEGER NOT NULL REFERENCES slides(id) ON DELETE CASCADE,
              x INTEGER NOT NULL,
              y INTEGER NOT NULL,
              size INTEGER NOT NULL,
              tissue_fraction REAL NOT NULL,
              vector BLOB NOT NULL)""",
            "CREATE INDEX tiles_by_slide_position ON tiles(slide_id, x, y)");

    static final int COLUMNS = 10;
    static final int TILE = 224;

    private V1Fixture() {
    }

    /**
     * A version-1 archive in {@code folder} with {@code slides} slides ("s0.svs"...) of {@code perSlide}
     * tiles in rows of {@value #COLUMNS}; returns each tile's full-precision vector by tile id.
     */
    static Map<Long, float[]> create(Path folder, int slides, int perSlide, int dimension) throws IOException, SQLException {
        Files.createDirectories(folder);
        var gen = new ClusteredVectors(dimension, 8, 99);
        Map<Long, float[]> vectors = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("archive.db"))) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : V1_DDL) st.execute(sql);
                st.execute("PRAGMA user_version = 1");
            }
            try (PreparedStatement meta = c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
                for (String[] kv : new String[][] {{"root", folder.resolveSibling("slides").toString()},
                        {"archive_id", UUID.randomUUID().toString()}, {"setting.encoder.heads", "3"}}) {
                    meta.setString(1, kv[0]);
                    meta.setString(2, kv[1]);
                    meta.executeUpdate();
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO model (id, checkpoint, architecture, dimension) VALUES (1, 'sha256:v1', 'vit_test', "
                        + dimension + ")");
            }
            try (PreparedStatement slide = c.prepareStatement("""
                    INSERT INTO slides (path, size_bytes, mtime_ms, quickhash, vendor, mpp, width, height, status, max_tile_size)
                    VALUES (?, 1, 1, 'q', 'aperio', 0.5, ?, ?, 'INDEXED', ?)""");
                 PreparedStatement tile = c.prepareStatement(
                         "INSERT INTO tiles (slide_id, x, y, size, tissue_fraction, vector) VALUES (?, ?, ?, ?, 0.9, ?)")) {
                long tileId = 0;
                for (int s = 0; s < slides; s++) {
                    slide.setString(1, "s" + s + ".svs");
                    slide.setLong(2, (long) COLUMNS * TILE);
                    slide.setLong(3, (long) (perSlide / COLUMNS + 1) * TILE);
                    slide.setInt(4, TILE);
                    slide.executeUpdate();
                    for (int i = 0; i < perSlide; i++) {
                        float[] v = gen.next();
                        tile.setLong(1, s + 1);
                        tile.setLong(2, (long) (i % COLUMNS) * TILE);
                        tile.setLong(3, (long) (i / COLUMNS) * TILE);
                        tile.setInt(4, TILE);
                        tile.setBytes(5, fp16(v));
                        tile.executeUpdate();
                        vectors.put(++tileId, v);
                    }
                }
            }
            c.commit();
        }
        Files.write(folder.resolve("index.hnsw"), "HSKHNSW\0 the old graph".getBytes(StandardCharsets.US_ASCII));
        return vectors;
    }

    static byte[] fp16(float[] vector) {
        ByteBuffer out = ByteBuffer.allocate(vector.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) out.putShort(Float.floatToFloat16(v));
        return out.array();
    }
}
