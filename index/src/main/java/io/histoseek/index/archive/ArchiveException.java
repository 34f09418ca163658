package io.histoseek.index.archive;

/** A problem with an archive, told in one line that names the file and what is wrong. */
public class ArchiveException extends RuntimeException {
    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
