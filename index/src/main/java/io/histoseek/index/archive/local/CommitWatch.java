package io.histoseek.index.archive.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells a reader, for the price of one stat, whether the index folder may hold a newer commit:
 * a commit renames a file into the folder, which moves the folder's modification time. Asking
 * Lucene itself ({@code maybeRefresh}) reads and checks the commit file, ~0.3 ms: as much as a
 * search. Timestamps are coarse (a few ms), so the folder's time is trusted only once it lies
 * {@value #SETTLE_MS} ms before the last real check (a change after that check lands on a later
 * tick), and a real check runs at least every {@value #RECHECK_MS} ms whatever the clock says.
 */
final class CommitWatch {
    private static final long SETTLE_MS = 50;
    private static final long RECHECK_MS = 1000;

    private final Path folder;
    private long checkedModified = Long.MIN_VALUE;
    private long checkedAt;

    CommitWatch(Path folder) {
        this.folder = folder;
    }

    /** False when no commit can have appeared since the last time this answered true. */
    synchronized boolean mayHaveChanged() {
        long now = System.currentTimeMillis();
        long modified = modified();
        if (modified == checkedModified && checkedAt - modified >= SETTLE_MS && now - checkedAt < RECHECK_MS) {
            return false;
        }
        checkedModified = modified;
        checkedAt = now;
        return true;
    }

    private long modified() {
        try {
            return Files.getLastModifiedTime(folder).toMillis();
        } catch (NoSuchFileException e) {
            return Long.MIN_VALUE + 1;
        } catch (IOException e) {
            return System.currentTimeMillis();
        }
    }
}
