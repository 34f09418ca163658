package io.histoseek.index.pipeline;

import io.histoseek.index.archive.ArchiveWriterInfo;

/** Receives an indexing job's events, on the job's own threads: hand them to a UI thread if needed. */
public interface IndexingListener {
    /** Called about once per second while tiles are embedded, and after each slide. */
    default void progress(IndexingProgress progress) {}

    default void slideFinished(SlideOutcome outcome) {}

    /** A slide recorded in the archive whose file is no longer there; its tiles stay. */
    default void slideVanished(String slide) {}

    /** A short message worth showing (the index being rebuilt, a cancel taking effect). */
    default void note(String message) {}

    /** Another process writes the archive; the job waits for it (as long as the request's lock wait allows). */
    default void waitingForWriter(ArchiveWriterInfo holder) {}

    /** The archive is open for this job's writing (after any wait for another writer); encoding starts next. */
    default void archiveOpened() {}

    IndexingListener NONE = new IndexingListener() {};
}
