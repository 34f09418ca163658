package io.histoseek.index.archive.local;

import io.histoseek.index.archive.TileLocation;
import io.histoseek.index.archive.TileRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** The {@code tiles} table: each stored tile's level-0 square on its slide. Vectors live in the engine. */
final class Tiles {
    /** SQLite's limit on bound parameters is 32766; lookups of many ids go in chunks of this. */
    private static final int IDS_PER_QUERY = 4096;

    private Tiles() {
    }

    static void insert(Connection c, long slideId, List<TileRecord> tiles) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO tiles (id, slide_id, x, y, size, tissue_fraction) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (TileRecord tile : tiles) {
                ins.setLong(1, tile.id());
                ins.setLong(2, slideId);
                ins.setLong(3, tile.x());
                ins.setLong(4, tile.y());
                ins.setInt(5, tile.size());
                ins.setFloat(6, tile.tissueFraction());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    static void deleteOfSlide(Connection c, long slideId) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM tiles WHERE slide_id = ?")) {
            del.setLong(1, slideId);
            del.executeUpdate();
        }
    }

    static long[] idsOfSlide(Connection c, long slideId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM tiles INDEXED BY tiles_by_slide_position WHERE slide_id = ?")) {
            ps.setLong(1, slideId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    /** Stored tiles of a slide whose squares overlap the level-0 rectangle, by row then column. */
    static List<TileRecord> intersecting(Connection c, long slideId, long x, long y, long width, long height)
            throws SQLException {
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
    }

    static Map<Long, TileLocation> locations(Connection c, Collection<Long> tileIds) throws SQLException {
        Map<Long, TileLocation> out = new HashMap<>();
        List<Long> ids = List.copyOf(tileIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.TILE_COLUMNS + ", " + Rows.SLIDE_COLUMNS
                    + " FROM tiles t JOIN slides s ON s.id = t.slide_id WHERE t.id IN (" + marks + ")")) {
                int i = 1;
                for (long id : chunk) ps.setLong(i++, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TileRecord tile = Rows.tile(rs, 1);
                        out.put(tile.id(), new TileLocation(tile, Rows.slide(rs, 1 + Rows.TILE_COLUMN_COUNT)));
                    }
                }
            }
        }
        return out;
    }

    static void forEach(Connection c, BiConsumer<String, TileRecord> sink) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.path, " + Rows.TILE_COLUMNS
                     + " FROM tiles t JOIN slides s ON s.id = t.slide_id ORDER BY s.path, t.y, t.x")) {
            while (rs.next()) sink.accept(rs.getString(1), Rows.tile(rs, 2));
        }
    }

    /** Tiles per slide id (slides without tiles are absent), read from the position index alone. */
    static Map<Long, Long> countsBySlide(Connection c) throws SQLException {
        Map<Long, Long> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT slide_id, count(*) FROM tiles INDEXED BY tiles_by_slide_position GROUP BY slide_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) counts.put(rs.getLong(1), rs.getLong(2));
        }
        return counts;
    }

    static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM tiles")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long maxId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) FROM tiles")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every tile id as a set bit (a few MB for tens of millions of tiles). */
    static BitSet ids(Connection c) throws SQLException {
        BitSet ids = new BitSet();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM tiles INDEXED BY tiles_by_slide_position")) {
            while (rs.next()) ids.set(Math.toIntExact(rs.getLong(1)));
        }
        return ids;
    }

    /** The slides of the given tiles. */
    static Set<Long> slidesOf(Connection c, long[] tileIds) throws SQLException {
        Set<Long> slides = new LinkedHashSet<>();
        for (int from = 0; from < tileIds.length; from += IDS_PER_QUERY) {
            int to = Math.min(tileIds.length, from + IDS_PER_QUERY);
            String marks = String.join(",", Collections.nCopies(to - from, "?"));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT slide_id FROM tiles WHERE id IN (" + marks + ")")) {
                for (int i = from; i < to; i++) ps.setLong(i - from + 1, tileIds[i]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) slides.add(rs.getLong(1));
                }
            }
        }
        return slides;
    }
}
