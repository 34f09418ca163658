package io.histoseek.index.archive;

/**
 * Told how far a long archive task (a migration, a consistency check) got, and of what opening
 * an archive for writing found worth saying (a repair after a crash).
 */
@FunctionalInterface
public interface ArchiveProgress {
    ArchiveProgress NONE = (message, done, total) -> { };

    void update(String message, long done, long total);

    default void note(String message) {
    }
}
