package io.histoseek.index.store;

import io.histoseek.index.DiskErrors;
import io.histoseek.model.ModelIdentity;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * An archive folder: {@code archive.db} (SQLite, WAL) holding slides, tiles with their fp16 vectors,
 * and the model that made them; the HNSW index file lives beside it. Slide paths are stored
 * relative to a recorded root so the archive survives a move of the slides ({@link #relink}).
 * <p>
 * One connection per store; methods are synchronized, so one store may be shared by threads.
 * Several stores (or processes) may open the same archive: WAL lets readers run during a write.
 * Every write is one transaction: a failure (a full disk included) rolls it back and leaves the
 * archive as it was before the call.
 */
public final class ArchiveStore implements AutoCloseable {
    public static final String DATABASE_FILE = "archive.db";
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final Path folder;
    private final Path databaseFile;
    private final Connection connection;

    private ArchiveStore(Path folder, Connection connection) {
        this.folder = folder;
        this.databaseFile = folder.resolve(DATABASE_FILE);
        this.connection = connection;
    }

    /** Opens an existing archive; a clear error when the folder holds none. */
    public static ArchiveStore open(Path folder) {
        Path db = folder.resolve(DATABASE_FILE);
        if (!Files.isRegularFile(db)) throw new ArchiveException(folder + ": no archive here (" + DATABASE_FILE + " is missing)");
        ArchiveStore store = connect(folder);
        if (store.meta("root").isEmpty()) {
            store.close();
            throw new ArchiveException(db + ": not a Histoseek archive (no recorded root)");
        }
        return store;
    }

    /** Opens the archive in {@code folder}, creating it with {@code slideRoot} as root when there is none. */
    public static ArchiveStore openOrCreate(Path folder, Path slideRoot) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new ArchiveException(folder + ": cannot create the archive folder (" + e.getMessage() + ")", e);
        }
        ArchiveStore store = connect(folder);
        if (store.meta("root").isEmpty()) {
            store.write("record the archive root", c -> {
                store.putMeta(c, "root", slideRoot.toAbsolutePath().normalize().toString());
                store.putMeta(c, "archive_id", UUID.randomUUID().toString());
                return null;
            });
        }
        return store;
    }

    private static ArchiveStore connect(Path folder) {
        Path db = folder.resolve(DATABASE_FILE);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
            Schema.migrate(connection, db.toString());
            return new ArchiveStore(folder, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ArchiveException(db + ": cannot open the archive database (" + firstLine(e) + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public Path folder() {
        return folder;
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /** Identifies this archive, so an index file from another archive is never taken for its own. */
    public synchronized String archiveId() {
        return meta("archive_id").orElseThrow();
    }

    public synchronized Path root() {
        return Path.of(meta("root").orElseThrow());
    }

    /** Points the archive at the new place of its slides (an external drive mounted elsewhere). */
    public void relink(Path newRoot) {
        write("relink the archive", c -> {
            putMeta(c, "root", newRoot.toAbsolutePath().normalize().toString());
            return null;
        });
    }

    /** The stored form of a slide's path: relative to the root with '/', or absolute when outside it. */
    public String storedPath(Path slide) {
        Path absolute = slide.toAbsolutePath().normalize();
        Path root = root();
        if (!absolute.startsWith(root)) return absolute.toString();
        return root.relativize(absolute).toString().replace(absolute.getFileSystem().getSeparator(), "/");
    }

    /** Where a stored slide path lies on disk now. */
    public Path resolve(String storedPath) {
        return root().resolve(storedPath);
    }

    /** A setting the indexer recorded (the checkpoint's place, the tiling), for on-the-fly embedding. */
    public synchronized Optional<String> setting(String key) {
        return meta("setting." + key);
    }

    public synchronized void putSetting(String key, String value) {
        write("record setting " + key, c -> {
            putMeta(c, "setting." + key, value);
            return null;
        });
    }

    // ---- model ----

    public synchronized Optional<ModelIdentity> model() {
        return read("read the model", c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT checkpoint, architecture, dimension FROM model WHERE id = 1")) {
                return rs.next() ? Optional.of(new ModelIdentity(rs.getString(1), rs.getString(2), rs.getInt(3)))
                        : Optional.empty();
            }
        });
    }

    /**
     * Records the model of an empty archive, or checks that {@code model} is the archive's own:
     * vectors from another checkpoint are refused with a clear error.
     */
    public synchronized void bindModel(ModelIdentity model) {
        Optional<ModelIdentity> existing = model();
        if (existing.isPresent()) {
            if (!existing.get().equals(model)) {
                throw new ArchiveException(databaseFile + ": archive holds vectors of " + existing.get().describe()
                        + "; refusing to mix in vectors of " + model.describe());
            }
            return;
        }
        write("record the model", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO model (id, checkpoint, architecture, dimension) VALUES (1, ?, ?, ?)")) {
                ps.setString(1, model.fingerprint());
                ps.setString(2, model.architecture());
                ps.setInt(3, model.dimension());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private ModelIdentity requireModel() {
        return model().orElseThrow(() -> new ArchiveException(databaseFile + ": no model recorded; bind one before storing vectors"));
    }

    // ---- slide writes ----

    /**
     * Stores a slide and all its tiles in one transaction, replacing any tiles it had: after a crash
     * the slide has either all its old tiles or all its new ones. Returns the slide as stored.
     */
    public synchronized SlideRecord commitSlide(SlideMetadata metadata, List<NewTile> tiles) {
        int dimension = requireModel().dimension();
        for (NewTile tile : tiles) {
            if (tile.vector().length != dimension) {
                throw new ArchiveException(databaseFile + ": slide " + metadata.path() + " has a " + tile.vector().length
                        + "-d vector; the archive's model makes " + dimension + "-d vectors");
            }
        }
        return write("store slide " + metadata.path(), c -> {
            long slideId = upsertSlide(c, metadata, SlideStatus.INDEXED, null);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM tiles WHERE slide_id = ?")) {
                del.setLong(1, slideId);
                del.executeUpdate();
            }
            int maxSize = 0;
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO tiles (slide_id, x, y, size, tissue_fraction, vector) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (NewTile tile : tiles) {
                    ins.setLong(1, slideId);
                    ins.setLong(2, tile.x());
                    ins.setLong(3, tile.y());
                    ins.setInt(4, tile.size());
                    ins.setFloat(5, tile.tissueFraction());
                    ins.setBytes(6, Fp16.encode(tile.vector()));
                    ins.executeUpdate();
                    maxSize = Math.max(maxSize, tile.size());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE slides SET max_tile_size = ? WHERE id = ?")) {
                ps.setInt(1, maxSize);
                ps.setLong(2, slideId);
                ps.executeUpdate();
            }
            return slideById(c, slideId).orElseThrow();
        });
    }

    /** Records that a slide could not be indexed and why. Tiles it already had are kept. */
    public synchronized SlideRecord markFailed(SlideMetadata metadata, String reason) {
        return write("record the failure of " + metadata.path(), c -> {
            long id = upsertSlide(c, metadata, SlideStatus.FAILED, reason);
            return slideById(c, id).orElseThrow();
        });
    }

    /**
     * Records a slide's current file stats (or its return after going missing) as indexed, keeping
     * its tiles: for a file touched or copied over with the same content (same quickhash).
     */
    public synchronized SlideRecord markIndexed(SlideMetadata metadata) {
        return write("record slide " + metadata.path(), c -> {
            long id = upsertSlide(c, metadata, SlideStatus.INDEXED, null);
            return slideById(c, id).orElseThrow();
        });
    }

    /** Records a slide as known but not (or no longer) embedded, without touching its tiles. */
    public synchronized SlideRecord markPending(SlideMetadata metadata) {
        return write("record slide " + metadata.path(), c -> {
            long id = upsertSlide(c, metadata, SlideStatus.PENDING, null);
            return slideById(c, id).orElseThrow();
        });
    }

    /** Marks a slide whose file vanished; its tiles stay searchable until {@link #removeSlide}. */
    public synchronized void markMissing(String path) {
        write("mark " + path + " missing", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE slides SET status = 'MISSING' WHERE path = ?")) {
                ps.setString(1, path);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes a slide and its tiles. Returns false when there was no such slide. */
    public synchronized boolean removeSlide(String path) {
        return write("remove slide " + path, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slides WHERE path = ?")) {
                ps.setString(1, path);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static long upsertSlide(Connection c, SlideMetadata m, SlideStatus status, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO slides (path, size_bytes, mtime_ms, quickhash, vendor, mpp, width, height, status, failure_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size_bytes = excluded.size_bytes, mtime_ms = excluded.mtime_ms,
                  quickhash = excluded.quickhash, vendor = excluded.vendor, mpp = excluded.mpp, width = excluded.width,
                  height = excluded.height, status = excluded.status, failure_reason = excluded.failure_reason
                RETURNING id""")) {
            ps.setString(1, m.path());
            ps.setLong(2, m.sizeBytes());
            ps.setLong(3, m.mtimeMillis());
            ps.setString(4, m.quickhash());
            ps.setString(5, m.vendor());
            ps.setDouble(6, m.mpp());
            ps.setLong(7, m.width());
            ps.setLong(8, m.height());
            ps.setString(9, status.name());
            ps.setString(10, reason);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ---- slide reads ----

    public synchronized Optional<SlideRecord> slide(String storedPath) {
        return read("look up slide " + storedPath, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SLIDE_COLUMNS + " FROM slides s WHERE s.path = ?")) {
                ps.setString(1, storedPath);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.slide(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    public synchronized Optional<SlideRecord> slide(long id) {
        return read("look up slide " + id, c -> slideById(c, id));
    }

    public synchronized List<SlideRecord> slides() {
        return read("list slides", c -> {
            List<SlideRecord> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + Rows.SLIDE_COLUMNS + " FROM slides s ORDER BY s.path")) {
                while (rs.next()) out.add(Rows.slide(rs, 1));
            }
            return out;
        });
    }

    private static Optional<SlideRecord> slideById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SLIDE_COLUMNS + " FROM slides s WHERE s.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.slide(rs, 1)) : Optional.empty();
            }
        }
    }

    // ---- tile reads ----

    /** The stored tile whose square contains the level-0 point, if any (none: glass, or not indexed). */
    public synchronized Optional<TileRecord> tileContaining(long slideId, long x, long y) {
        List<TileRecord> hits = tilesIntersecting(slideId, x, y, 1, 1);
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.getFirst());
    }

    /** Stored tiles of a slide whose squares overlap the level-0 rectangle. */
    public synchronized List<TileRecord> tilesIntersecting(long slideId, long x, long y, long width, long height) {
        return read("look up tiles of slide " + slideId, c -> {
            // Bounding the x/y ranges by the slide's largest tile keeps this an index range scan.
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.TILE_COLUMNS + """
                     FROM slides s JOIN tiles t ON t.slide_id = s.id
                    WHERE s.id = ?1 AND t.x > ?2 - s.max_tile_size AND t.x < ?2 + ?4
                      AND t.y > ?3 - s.max_tile_size AND t.y < ?3 + ?5
                      AND t.x + t.size > ?2 AND t.y + t.size > ?3
                    ORDER BY t.y, t.x""")) {
                ps.setLong(1, slideId);
                ps.setLong(2, x);
                ps.setLong(3, y);
                ps.setLong(4, width);
                ps.setLong(5, height);
                List<TileRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(Rows.tile(rs, 1));
                }
                return out;
            }
        });
    }

    /** Tiles and their slides for the given ids; ids no longer stored are absent from the map. */
    public synchronized Map<Long, TileLocation> locations(Collection<Long> tileIds) {
        if (tileIds.isEmpty()) return Map.of();
        return read("look up tiles", c -> {
            String marks = String.join(",", java.util.Collections.nCopies(tileIds.size(), "?"));
            Map<Long, TileLocation> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.TILE_COLUMNS + ", " + Rows.SLIDE_COLUMNS
                    + " FROM tiles t JOIN slides s ON s.id = t.slide_id WHERE t.id IN (" + marks + ")")) {
                int i = 1;
                for (long id : tileIds) ps.setLong(i++, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TileRecord tile = Rows.tile(rs, 1);
                        out.put(tile.id(), new TileLocation(tile, Rows.slide(rs, 7)));
                    }
                }
            }
            return out;
        });
    }

    public synchronized Optional<TileLocation> location(long tileId) {
        return Optional.ofNullable(locations(List.of(tileId)).get(tileId));
    }

    public synchronized Optional<float[]> vector(long tileId) {
        return read("read the vector of tile " + tileId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT vector FROM tiles WHERE id = ?")) {
                ps.setLong(1, tileId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Fp16.decode(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Streams up to {@code limit} stored vectors with tile ids above {@code afterTileId}, in id
     * order (an index rebuild starts at 0, an extension at its last id). Returns how many were read.
     * Callers page through big reads so other users of this store are not locked out meanwhile.
     */
    public synchronized int forEachVector(long afterTileId, int limit, VectorSink sink) {
        return read("read vectors", c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, vector FROM tiles WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterTileId);
                ps.setInt(2, limit);
                ps.setFetchSize(1024);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getLong(1), Fp16.decode(rs.getBytes(2)));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** Every tile with its slide's stored path, by path then position (for the `tiles` command). */
    public synchronized void forEachTile(BiConsumer<String, TileRecord> sink) {
        read("list tiles", c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT s.path, " + Rows.TILE_COLUMNS
                         + " FROM tiles t JOIN slides s ON s.id = t.slide_id ORDER BY s.path, t.y, t.x")) {
                while (rs.next()) sink.accept(rs.getString(1), Rows.tile(rs, 2));
            }
            return null;
        });
    }

    /** Number of tiles with an id up to {@code tileId}: tells an index whether tiles it holds were deleted. */
    public synchronized long tileCountUpTo(long tileId) {
        return read("count tiles", c -> {
            // A rowid range scan would read every (vector-sized) table row; the position index is ~30 bytes a tile.
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM tiles INDEXED BY tiles_by_slide_position WHERE id <= ?")) {
                ps.setLong(1, tileId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Tiles per slide id (slides without tiles are absent), read from the position index alone. */
    public synchronized Map<Long, Long> tileCountsBySlide() {
        return read("count tiles per slide", c -> {
            Map<Long, Long> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT slide_id, count(*) FROM tiles INDEXED BY tiles_by_slide_position GROUP BY slide_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    public synchronized ArchiveCounts counts() {
        return read("count the archive", c -> {
            Map<String, Long> byStatus = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT status, count(*) FROM slides GROUP BY status")) {
                while (rs.next()) byStatus.put(rs.getString(1), rs.getLong(2));
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), coalesce(max(id), 0) FROM tiles")) {
                rs.next();
                return new ArchiveCounts(byStatus.getOrDefault("INDEXED", 0L), byStatus.getOrDefault("FAILED", 0L),
                        byStatus.getOrDefault("PENDING", 0L), byStatus.getOrDefault("MISSING", 0L),
                        rs.getLong(1), rs.getLong(2));
            }
        });
    }

    // ---- plumbing ----

    private Optional<String> meta(String key) {
        return read("read " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private void putMeta(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private synchronized <T> T read(String what, SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new ArchiveException(databaseFile + ": cannot " + what + " (" + firstLine(e) + ")", e);
        }
    }

    /** Runs {@code work} in one transaction; on any failure rolls back so the archive stays as it was. */
    private synchronized <T> T write(String what, SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            String problem = DiskErrors.of(databaseFile, e, 0).map(DiskErrors.Problem::reason).orElse(firstLine(e));
            throw new ArchiveException(databaseFile + ": cannot " + what + " (" + problem + "); nothing of it was stored", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The connection is broken; the next call reports it.
            }
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // SQLite already rolled back (e.g. after SQLITE_FULL); the transaction is gone either way.
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing to save on a connection we are abandoning.
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }
}
