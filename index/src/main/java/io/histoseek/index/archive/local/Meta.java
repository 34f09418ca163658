package io.histoseek.index.archive.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code meta} table: the archive's key-value facts. The keys are named here; indexing
 * settings go under {@code setting.}.
 */
final class Meta {
    /** The folder stored slide paths are relative to. */
    static final String ROOT = "root";
    /** A random id, so files of another archive are never taken for this one's. */
    static final String ARCHIVE_ID = "archive_id";
    /** The {@link io.histoseek.model.TileSpec#key()} the tiles were cut with. */
    static final String TILE_SPEC = "tile_spec";
    /** The engine commit sequence this database is in step with (see {@link Consistency}). */
    static final String VECTORS_SEQUENCE = "vectors_sequence";
    /** Present while a migration's VACUUM is still to run. */
    static final String VACUUM_PENDING = "vacuum_pending";
    static final String SETTING_PREFIX = "setting.";

    private Meta() {
    }

    static Optional<String> get(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static long getLong(Connection c, String key) throws SQLException {
        return get(c, key).map(Long::parseLong).orElse(0L);
    }

    static void put(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }
}
