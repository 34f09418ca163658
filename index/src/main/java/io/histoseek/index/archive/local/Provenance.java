package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveException;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What made the archive's vectors: the model (the {@code model} table, one row) and the tile
 * spec (in {@code meta}). Vectors of another model or tiles of another spec are refused.
 */
final class Provenance {
    private Provenance() {
    }

    static Optional<ModelIdentity> model(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT checkpoint, architecture, dimension FROM model WHERE id = 1")) {
            return rs.next() ? Optional.of(new ModelIdentity(rs.getString(1), rs.getString(2), rs.getInt(3)))
                    : Optional.empty();
        }
    }

    /** Records the model of an empty archive, or refuses one that differs from the recorded model. */
    static void bindModel(Connection c, ModelIdentity model, String archive) throws SQLException {
        Optional<ModelIdentity> existing = model(c);
        if (existing.isPresent()) {
            if (!existing.get().equals(model)) {
                throw new ArchiveException(archive + ": archive holds vectors of " + existing.get().describe()
                        + "; refusing to mix in vectors of " + model.describe());
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO model (id, checkpoint, architecture, dimension) VALUES (1, ?, ?, ?)")) {
            ps.setString(1, model.fingerprint());
            ps.setString(2, model.architecture());
            ps.setInt(3, model.dimension());
            ps.executeUpdate();
        }
    }

    /**
     * The archive's tile spec; refuses, in one line, an archive cut with another spec than this
     * Histoseek's (its vectors would not match what search embeds now).
     */
    static TileSpec requireTileSpec(Connection c, String archive) throws SQLException {
        String key = Meta.get(c, Meta.TILE_SPEC).orElse(TileSpec.DEFAULT.key());
        TileSpec recorded;
        try {
            recorded = TileSpec.parse(key);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(archive + ": unreadable tile spec in the archive (" + e.getMessage() + ")");
        }
        if (!recorded.equals(TileSpec.DEFAULT)) {
            throw new ArchiveException(archive + ": archive was made with tiles of " + recorded
                    + "; this Histoseek makes tiles of " + TileSpec.DEFAULT + "; use a new archive");
        }
        return recorded;
    }
}
