package io.histoseek.app.cli;

import io.histoseek.index.store.ArchiveException;
import io.histoseek.index.store.ArchiveStore;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --archive DIR} for the commands that read an existing archive. */
final class ArchiveOption {
    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The archive folder.")
    Path folder;

    /** Opens the archive, with a one-line error when the folder is not one. */
    ArchiveStore open() {
        if (!Files.isDirectory(folder)) {
            throw new ArchiveException(folder + ": no such archive folder");
        }
        return ArchiveStore.open(folder);
    }
}
