package io.histoseek.index.store;

/** Sizes of an archive, for `info` and for checking an index against the store. */
public record ArchiveCounts(long slidesIndexed, long slidesFailed, long slidesPending, long slidesMissing,
                            long tiles, long maxTileId) {
}
