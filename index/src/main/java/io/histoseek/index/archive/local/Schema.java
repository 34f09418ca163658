package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQL schema of {@code archive.db}; its version lives in {@code PRAGMA user_version}.
 * A new archive gets {@link #CREATE} (the current version) in one transaction. Upgrades run under
 * the writer lock; a step that only changes SQL goes into {@link #UPGRADES} and runs in one
 * transaction, so an interrupted upgrade leaves the old version intact. Version 1 (Histoseek 0.1)
 * had the same tables with each tile's vector as an fp16 BLOB in {@code tiles.vector}:
 * {@link V1Migration} moves those into the vector engine before {@link #V1_TO_V2} drops the column.
 * Add new steps at the end; never edit old ones.
 */
final class Schema {
    record Upgrade(int toVersion, List<String> statements) {
    }

    /** Version 3: a label per slide and the case (patient) it belongs to; NULL case: the slide is its own. */
    static final String LABELS = """
            CREATE TABLE labels (
              slide_id INTEGER PRIMARY KEY REFERENCES slides(id) ON DELETE CASCADE,
              label TEXT NOT NULL,
              case_name TEXT)""";

    /** The current schema: vectors live in the engine only; tiles keep their place (tile ids come from the archive); labels. */
    static final List<String> CREATE = List.of(
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
              max_tile_size INTEGER NOT NULL DEFAULT 0,
              mpp_source TEXT NOT NULL DEFAULT '')""",
            """
            CREATE TABLE tiles (
              id INTEGER PRIMARY KEY,
              slide_id INTEGER NOT NULL REFERENCES slides(id) ON DELETE CASCADE,
              x INTEGER NOT NULL,
              y INTEGER NOT NULL,
              size INTEGER NOT NULL,
              tissue_fraction REAL NOT NULL)""",
            "CREATE INDEX tiles_by_slide_position ON tiles(slide_id, x, y)",
            LABELS);

    /** The SQL of the step from version 1, run once the vectors are in the engine. */
    static final Upgrade V1_TO_V2 = new Upgrade(2, List.of("ALTER TABLE tiles DROP COLUMN vector"));

    /** Version 4: where each slide's mpp came from (PhysicalScale.Source's label); '' for slides indexed before. */
    static final String MPP_SOURCE = "ALTER TABLE slides ADD COLUMN mpp_source TEXT NOT NULL DEFAULT ''";

    /** SQL-only steps after version 2, in order. */
    static final List<Upgrade> UPGRADES = List.of(new Upgrade(3, List.of(LABELS)), new Upgrade(4, List.of(MPP_SOURCE)));

    static final int CURRENT_VERSION = 4;

    /** The oldest version a reader opens without a migration: the steps since then only add what {@link #readAsCurrent} fills in. */
    static final int OLDEST_READABLE = 3;

    private Schema() {
    }

    static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Refuses a database made by a newer Histoseek; returns the version found. */
    static int check(Connection connection, String databaseName) throws SQLException {
        int found = version(connection);
        if (found > CURRENT_VERSION) {
            throw new ArchiveException(databaseName + ": archive made by a newer Histoseek (schema version "
                    + found + ", this version reads up to " + CURRENT_VERSION + "); update Histoseek");
        }
        return found;
    }

    /**
     * Lets this connection read a version {@link #OLDEST_READABLE} file as the current version without
     * writing to it: a temporary view (this connection's only) stands in for a table that lacks a column.
     */
    static Void readAsCurrent(Connection connection, int version) throws SQLException {
        if (version < 4) {
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TEMP VIEW slides AS SELECT *, '' AS mpp_source FROM main.slides");
            }
        }
        return null;
    }

    /** Creates the current schema, inside the caller's transaction. */
    static void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : CREATE) st.execute(sql);
            st.execute("PRAGMA user_version = " + CURRENT_VERSION);
        }
    }

    /** Runs every SQL-only upgrade the database lacks, each in its own transaction (the writer holds the lock). */
    static void upgrade(Database db) {
        for (Upgrade upgrade : UPGRADES) {
            int version = db.read("read the schema version", Schema::version);
            if (version >= upgrade.toVersion()) continue;
            db.write("upgrade the archive to schema " + upgrade.toVersion(), c -> {
                apply(c, upgrade);
                return null;
            });
        }
    }

    /** Applies an upgrade's statements and its version, inside the caller's transaction. */
    static void apply(Connection connection, Upgrade upgrade) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : upgrade.statements()) st.execute(sql);
            st.execute("PRAGMA user_version = " + upgrade.toVersion());
        }
    }
}
