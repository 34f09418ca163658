package io.histoseek.app.setup;

/**
 * Hears how a {@link ResumableDownload} goes (the command line prints it, the GUI shows a bar).
 * To cancel, throw from {@link #progressed}: the partial file stays, and the next try resumes.
 */
public interface DownloadListener {
    /** The size is known; {@code alreadyHave} bytes are kept from an earlier try. */
    void started(long alreadyHave, long total);

    void progressed(long done, long total);

    void finished(long done, long total);

    /** The download stopped short (connection lost, cut body, cancelled). */
    void abandoned();
}
