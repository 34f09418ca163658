package io.histoseek.index.archive;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/** The one place that opens an archive for reading and the one place that opens it for writing (and tells who writes it). */
public final class Archives {
    private Archives() {
    }

    /**
     * Opens an archive for reading: no lock, no repair, any number at once and beside a writer.
     * An archive that needs a migration or was made by a newer Histoseek is refused in one line.
     */
    public static Archive openForReading(ArchiveAddress address) {
        return provider(address).openForReading(address);
    }

    /** {@link #openForReading(ArchiveAddress)} for a folder. */
    public static Archive openForReading(Path folder) {
        return openForReading(ArchiveAddress.of(folder));
    }

    /**
     * Opens an archive for writing: takes its writer lock (waiting up to {@code options.lockWait()}),
     * creates it when asked, migrates an old one and repairs what a crash left half-written.
     */
    public static ArchiveWriter openForWriting(ArchiveAddress address, WriterOptions options) {
        return provider(address).openForWriting(address, options);
    }

    /** {@link #openForWriting(ArchiveAddress, WriterOptions)} for a folder. */
    public static ArchiveWriter openForWriting(Path folder, WriterOptions options) {
        return openForWriting(ArchiveAddress.of(folder), options);
    }

    /**
     * Checks, before a long job starts, that it could write an archive at {@code address}: the
     * address is well formed and its folder or cluster is there. Creates and changes nothing;
     * throws {@link ArchiveException} with one line naming the address otherwise.
     */
    public static void check(ArchiveAddress address) {
        provider(address).check(address);
    }

    /**
     * Who writes the archive now (another process's index, remove, migrate...), or empty when
     * nobody does or the implementation cannot tell; for a reader that wants to say the archive is busy.
     */
    public static Optional<ArchiveWriterInfo> writer(ArchiveAddress address) {
        return provider(address).writer(address);
    }

    /** {@link #writer(ArchiveAddress)} for a folder. */
    public static Optional<ArchiveWriterInfo> writer(Path folder) {
        return writer(ArchiveAddress.of(folder));
    }

    private static ArchiveProvider provider(ArchiveAddress address) {
        for (ArchiveProvider provider : ServiceLoader.load(ArchiveProvider.class, Archives.class.getClassLoader())) {
            if (provider.accepts(address)) return provider;
        }
        throw new ArchiveException("archive " + address + ": no archive implementation accepts this address"
                + (address.isFolder() ? "" : " (is the cluster client, histoseek-cluster, on the class path?)"));
    }
}
