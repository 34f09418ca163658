package io.histoseek.app.cli;

import picocli.CommandLine.Option;

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
}
