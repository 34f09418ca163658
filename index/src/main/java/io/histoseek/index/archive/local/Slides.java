package io.histoseek.index.archive.local;

import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code slides} table: one row per slide file the archive knows, with its status. */
final class Slides {
    private Slides() {
    }

    /** Inserts or updates the slide by path with a status; returns its id (ids are never reused). */
    static long upsert(Connection c, SlideMetadata m, SlideStatus status, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO slides (path, size_bytes, mtime_ms, quickhash, vendor, mpp, width, height, status, failure_reason, mpp_source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size_bytes = excluded.size_bytes, mtime_ms = excluded.mtime_ms,
                  quickhash = excluded.quickhash, vendor = excluded.vendor, mpp = excluded.mpp, width = excluded.width,
                  height = excluded.height, status = excluded.status, failure_reason = excluded.failure_reason,
                  mpp_source = excluded.mpp_source
                RETURNING id""")) {
            bindRow(ps, m, status, reason);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rewrites a slide's row under its id: a new path, metadata and status; its tiles and label keep their slide id. */
    static void rekey(Connection c, SlideRecord slide) throws SQLException {
        SlideMetadata m = slide.metadata();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE slides SET path = ?, size_bytes = ?, mtime_ms = ?, quickhash = ?, vendor = ?, mpp = ?, width = ?,
                  height = ?, status = ?, failure_reason = ?, mpp_source = ?
                WHERE id = ?""")) {
            bindRow(ps, m, slide.status(), slide.failureReason());
            ps.setLong(12, slide.id());
            if (ps.executeUpdate() != 1) throw new SQLException("no slide with id " + slide.id());
        }
    }

    /** Binds a slide row's columns as parameters 1..11, in the order the INSERT and the UPDATE name them. */
    private static void bindRow(PreparedStatement ps, SlideMetadata m, SlideStatus status, String reason) throws SQLException {
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
        ps.setString(11, m.mppSource());
    }

    /** Sets a slide's status, leaving its metadata and tiles. */
    static void setStatus(Connection c, long slideId, SlideStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE slides SET status = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setLong(2, slideId);
            ps.executeUpdate();
        }
    }

    static void markMissing(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE slides SET status = 'MISSING' WHERE path = ?")) {
            ps.setString(1, path);
            ps.executeUpdate();
        }
    }

    /** The largest tile side of the slide, which keeps position lookups an index range scan. */
    static void setMaxTileSize(Connection c, long slideId, int maxTileSize) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE slides SET max_tile_size = ? WHERE id = ?")) {
            ps.setInt(1, maxTileSize);
            ps.setLong(2, slideId);
            ps.executeUpdate();
        }
    }

    /** Deletes the slide and (by cascade) its tiles; false when there was none. */
    static boolean delete(Connection c, long slideId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM slides WHERE id = ?")) {
            ps.setLong(1, slideId);
            return ps.executeUpdate() > 0;
        }
    }

    static Optional<SlideRecord> byPath(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SLIDE_COLUMNS + " FROM slides s WHERE s.path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.slide(rs, 1)) : Optional.empty();
            }
        }
    }

    static Optional<SlideRecord> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.SLIDE_COLUMNS + " FROM slides s WHERE s.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.slide(rs, 1)) : Optional.empty();
            }
        }
    }

    static List<SlideRecord> all(Connection c) throws SQLException {
        List<SlideRecord> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + Rows.SLIDE_COLUMNS + " FROM slides s ORDER BY s.path")) {
            while (rs.next()) out.add(Rows.slide(rs, 1));
        }
        return out;
    }

    static Map<SlideStatus, Long> countsByStatus(Connection c) throws SQLException {
        Map<SlideStatus, Long> counts = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, count(*) FROM slides GROUP BY status")) {
            while (rs.next()) counts.put(SlideStatus.valueOf(rs.getString(1)), rs.getLong(2));
        }
        return counts;
    }
}
