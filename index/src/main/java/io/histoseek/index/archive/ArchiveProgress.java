package io.histoseek.index.archive;

/**
 * Told how far a long archive task (a migration, a consistency check) got, and of what opening
 * an archive for writing found worth saying (a repair after a crash, another writer to wait for).
 */
@FunctionalInterface
public interface ArchiveProgress {
    ArchiveProgress NONE = (message, done, total) -> { };

    void update(String message, long done, long total);

    default void note(String message) {
    }

    /** Another process writes the archive: the writer waits for it (called once, when the wait begins). */
    default void waitingForWriter(ArchiveWriterInfo holder) {
    }
}
