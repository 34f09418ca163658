package io.histoseek.index.archive;

/**
 * What the archive writes into each commit of its vector engine: {@code sequence} counts the
 * archive's commits (the metadata records the sequence it is in step with, so a clean archive is
 * told from one a crash left half-written without reading every id), and {@code lastTileId} is
 * the largest tile id ever given out, so ids are never reused.
 */
public record CommitStamp(long sequence, long lastTileId) {
    public static final CommitStamp EMPTY = new CommitStamp(0, 0);
}
