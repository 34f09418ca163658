package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.CommitStamp;
import io.histoseek.model.TileSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Upgrades a version-1 archive (vectors as fp16 BLOBs in SQLite, the HNSW graph in
 * {@value #OLD_GRAPH_FILE}) under the writer lock: moves every vector into the engine, committing
 * every {@value #COMMIT_EVERY} tiles with the last moved tile id, so an interrupted migration
 * resumes where it stopped; then drops the BLOBs in one SQL transaction and compacts the file.
 * The old graph file goes last. Until the SQL step commits the archive is still a valid version 1.
 */
final class V1Migration {
    static final String OLD_GRAPH_FILE = "index.hnsw";
    private static final int PAGE = 1024;
    private static final int COMMIT_EVERY = 16_384;
    /** Stamp sequence of the engine once every vector is moved (during the move it is 0). */
    private static final long MOVED = 1;

    private V1Migration() {
    }

    static void run(Database db, LuceneVectorEngine engine, ArchiveProgress progress) {
        if (engine.committed().sequence() != MOVED) moveVectors(db, engine, progress);
        db.write("upgrade the archive to schema " + Schema.V1_TO_V2.toVersion(), c -> {
            Schema.apply(c, Schema.V1_TO_V2);
            Meta.put(c, Meta.VECTORS_SEQUENCE, Long.toString(MOVED));
            if (Meta.get(c, Meta.TILE_SPEC).isEmpty()) Meta.put(c, Meta.TILE_SPEC, TileSpec.DEFAULT.key());
            Meta.put(c, Meta.VACUUM_PENDING, "1");
            return null;
        });
    }

    private static void moveVectors(Database db, LuceneVectorEngine engine, ArchiveProgress progress) {
        String message = "upgrading the archive: moving its vectors into the vector index";
        long movedUpTo = engine.committed().lastTileId();
        long total = db.read("count the tiles", Tiles::count);
        long done = db.read("count the moved tiles", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tiles WHERE id <= ?")) {
                ps.setLong(1, movedUpTo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        progress.update(message, done, total);
        long after = movedUpTo;
        long sinceCommit = 0;
        while (true) {
            List<Row> page = page(db, after);
            if (page.isEmpty()) break;
            addBySlide(engine, page);
            after = page.getLast().tileId();
            done += page.size();
            sinceCommit += page.size();
            if (sinceCommit >= COMMIT_EVERY) {
                engine.commit(new CommitStamp(0, after));
                sinceCommit = 0;
                progress.update(message, done, total);
            }
        }
        engine.compact();
        long lastTileId = Math.max(after, db.read("read the largest tile id", c -> {
            try (var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'tiles'")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }));
        engine.commit(new CommitStamp(MOVED, lastTileId));
        progress.update(message, done, total);
    }

    private record Row(long tileId, long slideId, float[] vector) {
    }

    private static List<Row> page(Database db, long after) {
        return db.read("read stored vectors", c -> {
            List<Row> rows = new ArrayList<>(PAGE);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, slide_id, vector FROM tiles WHERE id > ? ORDER BY id LIMIT " + PAGE)) {
                ps.setLong(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new Row(rs.getLong(1), rs.getLong(2), normalized(Fp16.decode(rs.getBytes(3)))));
                }
            }
            return rows;
        });
    }

    /** Runs of rows of one slide go to the engine together. */
    private static void addBySlide(LuceneVectorEngine engine, List<Row> rows) {
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || rows.get(i).slideId() != rows.get(start).slideId()) {
                List<Row> run = rows.subList(start, i);
                engine.add(run.getFirst().slideId(), run.stream().mapToLong(Row::tileId).toArray(),
                        run.stream().map(Row::vector).toArray(float[][]::new));
                start = i;
            }
        }
    }

    /** fp16 rounding leaves a norm of 1 +- 1e-3; the engine's cosine wants exactly unit vectors. */
    private static float[] normalized(float[] v) {
        double sum = 0;
        for (float f : v) sum += (double) f * f;
        if (sum == 0) return v;
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) v[i] *= scale;
        return v;
    }

    /** The SQL step is done: reclaim the BLOBs' space and drop the old graph (both safe to repeat). */
    static void finish(Database db, Path folder) {
        boolean vacuum = db.read("read the migration state", c -> Meta.get(c, Meta.VACUUM_PENDING).isPresent());
        if (vacuum) {
            db.execute("compact the archive database", "VACUUM");
            db.write("record the compaction", c -> {
                Meta.delete(c, Meta.VACUUM_PENDING);
                return null;
            });
        }
        try {
            Files.deleteIfExists(folder.resolve(OLD_GRAPH_FILE));
        } catch (IOException ignored) {
            // A leftover file of the old version harms nothing; the next writer tries again.
        }
    }
}
