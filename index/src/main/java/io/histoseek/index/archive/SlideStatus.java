package io.histoseek.index.archive;

/** Where a slide stands in the indexing of an archive. */
public enum SlideStatus {
    /** Known but not embedded yet (or being re-embedded because it changed). */
    PENDING,
    /** All its tissue tiles are stored. */
    INDEXED,
    /** Could not be read or embedded; the reason is recorded. */
    FAILED,
    /** Its file is no longer under the archive root; its tiles stay until the user removes them. */
    MISSING
}
