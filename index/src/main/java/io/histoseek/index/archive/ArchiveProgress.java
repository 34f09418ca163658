package io.histoseek.index.archive;

import java.util.function.Consumer;

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

    /** The line a writer shows when it starts waiting for {@code holder}. */
    static String waitingLine(ArchiveWriterInfo holder) {
        return "waiting: the archive is being written by " + holder.describe() + "; this run starts when it ends";
    }

    /** Everything as lines of text ("checking tiles (3 of 10)"); a wait for another writer as {@code onWait} says. */
    static ArchiveProgress asNotes(Consumer<String> notes, Consumer<ArchiveWriterInfo> onWait) {
        return new ArchiveProgress() {
            @Override
            public void update(String message, long done, long total) {
                notes.accept(total > 0 ? message + " (" + done + " of " + total + ")" : message);
            }

            @Override
            public void note(String message) {
                notes.accept(message);
            }

            @Override
            public void waitingForWriter(ArchiveWriterInfo holder) {
                onWait.accept(holder);
            }
        };
    }
}
