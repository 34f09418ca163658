package io.histoseek.index.features;

import java.nio.file.Path;

/** Told how an import advances; called on the importing thread. */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {
    };

    /** A file is opened and checked: {@code rows} patches to store; {@code filesDone} of {@code filesTotal} are through. */
    default void fileStarted(Path file, int rows, int filesDone, int filesTotal) {
    }

    /** A batch of a file's tiles went to the archive (not yet committed). */
    default void tilesAdded(int count) {
    }

    /** A file is through: committed, or failed with nothing of it stored. */
    default void fileFinished(ImportOutcome outcome) {
    }

    /** Something opening the archive found worth saying (a repair after a crash). */
    default void note(String message) {
    }
}
