package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.WriterOptions;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;

/** {@code --wait SECONDS} for the commands that write an archive: how long to wait for another writer. */
final class WaitOption {
    @Option(names = "--wait", defaultValue = "0", paramLabel = "SECONDS",
            description = "When another process writes the archive, wait up to this long for it to end (default ${DEFAULT-VALUE}: refuse at once).")
    long seconds;

    Duration duration() {
        if (seconds < 0) throw new IllegalArgumentException("--wait must not be negative: " + seconds);
        return Duration.ofSeconds(seconds);
    }

    /** How {@code command} opens its archive for writing: this wait, and whom it waits for and what opening found (a stale lock taken over, a repair) as lines on {@code err}. */
    WriterOptions writerOptions(String command, PrintWriter err) {
        return WriterOptions.of(command).waiting(duration()).reportingTo(ArchiveProgress.asNotes(line -> {
            err.println(line);
            err.flush();
        }, holder -> {
            err.println(ArchiveProgress.waitingLine(holder));
            err.flush();
        }));
    }
}
