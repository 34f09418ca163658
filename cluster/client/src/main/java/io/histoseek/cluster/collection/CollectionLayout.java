package io.histoseek.cluster.collection;

/**
 * How a new collection spreads over the cluster: {@code shards} split the tiles (k-NN fans out to
 * one replica of each), {@code replicas} copies of each shard keep search answering when a node
 * dies. {@code replicaType} NRT makes each replica index (and build HNSW) itself and see a commit
 * at once; TLOG makes only the leader index and the others copy its segments.
 */
public record CollectionLayout(int shards, int replicas, ReplicaType replicaType) {
    public static final CollectionLayout DEFAULT = new CollectionLayout(2, 2, ReplicaType.NRT);

    public enum ReplicaType { NRT, TLOG }

    public CollectionLayout {
        if (shards < 1 || shards > 1024) {
            throw new IllegalArgumentException("shards must be 1..1024, got " + shards);
        }
        if (replicas < 1 || replicas > 16) {
            throw new IllegalArgumentException("replicas must be 1..16, got " + replicas);
        }
    }

    public CollectionLayout(int shards, int replicas) {
        this(shards, replicas, DEFAULT.replicaType());
    }
}
