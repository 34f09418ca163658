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
    public static Archive openForReading(Path address) {
        return provider(address).openForReading(address);
    }

    /**
     * Opens an archive for writing: takes its writer lock (waiting up to {@code options.lockWait()}),
     * creates it when asked, migrates an old one and repairs what a crash left half-written.
     */
    public static ArchiveWriter openForWriting(Path address, WriterOptions options) {
        return provider(address).openForWriting(address, options);
    }

    /**
     * Who writes the archive now (another process's index, remove, migrate...), or empty when
     * nobody does or the implementation cannot tell; for a reader that wants to say the archive is busy.
     */
    public static Optional<ArchiveWriterInfo> writer(Path address) {
        return provider(address).writer(address);
    }

    private static ArchiveProvider provider(Path address) {
        for (ArchiveProvider provider : ServiceLoader.load(ArchiveProvider.class, Archives.class.getClassLoader())) {
            if (provider.accepts(address)) return provider;
        }
        throw new ArchiveException(address + ": no archive implementation accepts this address");
    }
}
