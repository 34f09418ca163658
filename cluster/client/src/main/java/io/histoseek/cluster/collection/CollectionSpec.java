package io.histoseek.cluster.collection;

import java.util.Objects;

/** Everything that decides a new archive collection: what it holds, how it spreads, how it indexes vectors. */
public record CollectionSpec(ArchiveIdentity identity, CollectionLayout layout, VectorIndex vectors) {
    public CollectionSpec {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(vectors, "vectors");
    }

    public CollectionSpec(ArchiveIdentity identity, CollectionLayout layout) {
        this(identity, layout, VectorIndex.DEFAULT);
    }
}
