package io.histoseek.index.archive.local;

import io.histoseek.index.archive.SlideLabel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code labels} table: one row per labeled slide; it goes with its slide (cascade). */
final class Labels {
    private Labels() {
    }

    static Map<Long, SlideLabel> all(Connection c) throws SQLException {
        Map<Long, SlideLabel> labels = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT slide_id, label, case_name FROM labels ORDER BY slide_id")) {
            while (rs.next()) labels.put(rs.getLong(1), new SlideLabel(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
        return labels;
    }

    static void put(Connection c, Collection<SlideLabel> labels) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO labels (slide_id, label, case_name) VALUES (?, ?, ?)
                ON CONFLICT(slide_id) DO UPDATE SET label = excluded.label, case_name = excluded.case_name""")) {
            for (SlideLabel label : labels) {
                ps.setLong(1, label.slideId());
                ps.setString(2, label.label());
                ps.setString(3, label.caseName());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static int remove(Connection c, Collection<Long> slideIds) throws SQLException {
        int removed = 0;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM labels WHERE slide_id = ?")) {
            for (long id : slideIds) {
                ps.setLong(1, id);
                removed += ps.executeUpdate();
            }
        }
        return removed;
    }
}
