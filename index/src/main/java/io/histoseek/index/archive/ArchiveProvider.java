package io.histoseek.index.archive;

import java.util.Optional;

/**
 * An implementation of archives (a local folder, a SolrCloud collection), found by
 * {@link Archives} through {@link java.util.ServiceLoader}: that keeps this package free of any
 * implementation, and an engine is added by listing its provider in
 * {@code META-INF/services/io.histoseek.index.archive.ArchiveProvider}.
 */
public interface ArchiveProvider {
    /** Whether this provider opens archives at {@code address}. */
    boolean accepts(ArchiveAddress address);

    Archive openForReading(ArchiveAddress address);

    ArchiveWriter openForWriting(ArchiveAddress address, WriterOptions options);

    /**
     * Whether a writer could open or create an archive at {@code address}, checked without
     * creating or changing anything: the address is well formed and whatever holds the archive
     * answers. Throws {@link ArchiveException} with one line naming the address otherwise.
     */
    void check(ArchiveAddress address);

    /** Who writes the archive at {@code address} now, as far as this provider can tell without waiting for it. */
    default Optional<ArchiveWriterInfo> writer(ArchiveAddress address) {
        return Optional.empty();
    }
}
