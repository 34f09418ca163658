package io.histoseek.index.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * How to open an archive for writing.
 *
 * @param command      what writes (index, remove, relink, migrate), shown to a second writer
 * @param lockWait     how long to wait for another writer to finish before refusing
 * @param createRoot   when present, create the archive if there is none, with this slide root
 * @param fullCheck    check every tile against the engine even when the archive looks clean
 * @param progress     told how a migration or check advances
 * @param stop         asked while waiting for another writer: true gives up at once (Ctrl-C, Cancel)
 */
public record WriterOptions(String command, Duration lockWait, Optional<Path> createRoot, boolean fullCheck,
                            ArchiveProgress progress, BooleanSupplier stop) {
    public WriterOptions {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(createRoot, "createRoot");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(stop, "stop");
        if (lockWait == null || lockWait.isNegative()) throw new IllegalArgumentException("lock wait must not be negative: " + lockWait);
    }

    /** Writing to an existing archive, refusing at once when another writer holds it. */
    public static WriterOptions of(String command) {
        return new WriterOptions(command, Duration.ZERO, Optional.empty(), false, ArchiveProgress.NONE, () -> false);
    }

    public WriterOptions waiting(Duration newWait) {
        return new WriterOptions(command, newWait, createRoot, fullCheck, progress, stop);
    }

    public WriterOptions creatingWithRoot(Path root) {
        return new WriterOptions(command, lockWait, Optional.of(root), fullCheck, progress, stop);
    }

    public WriterOptions checkingEverything() {
        return new WriterOptions(command, lockWait, createRoot, true, progress, stop);
    }

    public WriterOptions reportingTo(ArchiveProgress newProgress) {
        return new WriterOptions(command, lockWait, createRoot, fullCheck, newProgress, stop);
    }

    public WriterOptions stoppingWhen(BooleanSupplier newStop) {
        return new WriterOptions(command, lockWait, createRoot, fullCheck, progress, newStop);
    }
}
