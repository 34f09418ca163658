package io.histoseek.index.ann;

/** An index file that cannot be used (truncated, bad checksum, other format); it gets rebuilt. */
public final class CorruptIndexException extends Exception {
    public CorruptIndexException(String message) {
        super(message);
    }
}
