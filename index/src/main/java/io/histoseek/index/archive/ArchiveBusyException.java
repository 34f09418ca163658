package io.histoseek.index.archive;

import java.util.Optional;

/** Another process writes the archive and this writer may not wait (any longer); {@link #holder()} says who, when known. */
public final class ArchiveBusyException extends ArchiveException {
    private final transient ArchiveWriterInfo holder;

    public ArchiveBusyException(String message, ArchiveWriterInfo holder) {
        super(message);
        this.holder = holder;
    }

    public Optional<ArchiveWriterInfo> holder() {
        return Optional.ofNullable(holder);
    }
}
