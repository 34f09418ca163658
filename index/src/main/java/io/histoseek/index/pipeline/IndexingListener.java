package io.histoseek.index.pipeline;

/** Receives an indexing job's events, on the job's own threads: hand them to a UI thread if needed. */
public interface IndexingListener {
    /** Called about once per second while tiles are embedded, and after each slide. */
    default void progress(IndexingProgress progress) {}

    default void slideFinished(SlideOutcome outcome) {}

    /** A slide recorded in the archive whose file is no longer there; its tiles stay. */
    default void slideVanished(String slide) {}

    /** A short message worth showing (the index being rebuilt, a cancel taking effect). */
    default void note(String message) {}

    IndexingListener NONE = new IndexingListener() {};
}
