package io.histoseek.app.gui.wizard;

import io.histoseek.index.archive.ArchiveAddress;

import java.util.Objects;

/**
 * Where the wizard indexes: a folder or a SolrCloud address, and how a new collection there is
 * laid out ({@code shards} x {@code replicas}; a folder and an existing collection ignore them).
 */
public record ArchiveTarget(ArchiveAddress address, int shards, int replicas) {
    public ArchiveTarget {
        Objects.requireNonNull(address, "address");
    }
}
