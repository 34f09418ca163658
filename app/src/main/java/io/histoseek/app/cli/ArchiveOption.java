package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Archives;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --archive DIR} for the commands that read an existing archive. */
final class ArchiveOption {
    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The archive folder.")
    Path folder;

    /** Opens the archive for reading (no lock: a writer may run meanwhile), with a one-line error when it is not one. */
    Archive open() {
        return Archives.openForReading(folder);
    }
}
