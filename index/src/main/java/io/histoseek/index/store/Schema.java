package io.histoseek.index.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The archive's schema version lives in {@code PRAGMA user_version}. Each migration lifts the
 * database from the previous version to {@link Migration#toVersion()} in one transaction, so an
 * interrupted upgrade leaves the old version intact. Add new migrations at the end; never edit old ones.
 */
final class Schema {
    record Migration(int toVersion, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, List.of(
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
                    // AUTOINCREMENT: tile ids are never reused, so an HNSW index can tell stale from extendable.
                    """
                    CREATE TABLE tiles (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      slide_id INTEGER NOT NULL REFERENCES slides(id) ON DELETE CASCADE,
                      x INTEGER NOT NULL,
                      y INTEGER NOT NULL,
                      size INTEGER NOT NULL,
                      tissue_fraction REAL NOT NULL,
                      vector BLOB NOT NULL)""",
                    "CREATE INDEX tiles_by_slide_position ON tiles(slide_id, x, y)")));

    static final int CURRENT_VERSION = MIGRATIONS.getLast().toVersion();

    private Schema() {
    }

    static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Brings the database up to {@link #CURRENT_VERSION}; refuses one made by a newer Histoseek. */
    static void migrate(Connection connection, String databaseName) throws SQLException {
        int found = version(connection);
        if (found > CURRENT_VERSION) {
            throw new ArchiveException(databaseName + ": archive made by a newer Histoseek (schema version "
                    + found + ", this version reads up to " + CURRENT_VERSION + "); update Histoseek");
        }
        for (Migration migration : MIGRATIONS) {
            if (migration.toVersion() <= found) continue;
            applyInOneTransaction(connection, migration);
        }
    }

    static void applyInOneTransaction(Connection connection, Migration migration) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String sql : migration.statements()) st.execute(sql);
            st.execute("PRAGMA user_version = " + migration.toVersion());
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
