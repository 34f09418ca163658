package io.histoseek.cluster.collection;

import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;
import java.util.Objects;

/** What every vector of an archive was made with: the model and the tile it looked at. */
public record ArchiveIdentity(ModelIdentity model, TileSpec tileSpec) {
    public ArchiveIdentity {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tileSpec, "tileSpec");
    }

    public int dimension() {
        return model.dimension();
    }

    public String describe() {
        return model.describe() + ", tiles " + tileSpec.key();
    }
}
