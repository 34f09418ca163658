package io.histoseek.index.archive;

/** Sizes of an archive's metadata, for `info` and the archive browser. */
public record ArchiveCounts(long slidesIndexed, long slidesFailed, long slidesPending, long slidesMissing, long tiles) {
}
