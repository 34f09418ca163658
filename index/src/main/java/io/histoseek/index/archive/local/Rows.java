package io.histoseek.index.archive.local;

import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.TileRecord;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps result rows to records; the column lists here and the SELECTs that use them go together. */
final class Rows {
    static final String SLIDE_COLUMNS =
            "s.id, s.path, s.size_bytes, s.mtime_ms, s.quickhash, s.vendor, s.mpp, s.width, s.height, s.status, s.failure_reason, s.mpp_source";
    static final String TILE_COLUMNS = "t.id, t.slide_id, t.x, t.y, t.size, t.tissue_fraction";
    static final int SLIDE_COLUMN_COUNT = 12;
    static final int TILE_COLUMN_COUNT = 6;

    private Rows() {
    }

    static SlideRecord slide(ResultSet rs, int first) throws SQLException {
        var metadata = new SlideMetadata(rs.getString(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getString(first + 4), rs.getString(first + 5), rs.getDouble(first + 6),
                rs.getString(first + 11), rs.getLong(first + 7), rs.getLong(first + 8));
        return new SlideRecord(rs.getLong(first), metadata, SlideStatus.valueOf(rs.getString(first + 9)),
                rs.getString(first + 10));
    }

    static TileRecord tile(ResultSet rs, int first) throws SQLException {
        return new TileRecord(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getInt(first + 4), rs.getFloat(first + 5));
    }
}
