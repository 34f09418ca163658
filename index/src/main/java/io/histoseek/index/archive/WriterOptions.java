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
 * @param shards       into how many parts a new archive on a cluster is split (a folder ignores it)
 * @param replicas     how many copies of each part a new archive on a cluster keeps (a folder ignores it)
 */
public record WriterOptions(String command, Duration lockWait, Optional<Path> createRoot, boolean fullCheck,
                            ArchiveProgress progress, BooleanSupplier stop, int shards, int replicas) {
    /** Two shards of two replicas: any one node of three may fail, and two nodes share the work. */
    public static final int DEFAULT_SHARDS = 2;
    public static final int DEFAULT_REPLICAS = 2;

    public WriterOptions {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(createRoot, "createRoot");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(stop, "stop");
        if (lockWait == null || lockWait.isNegative()) throw new IllegalArgumentException("lock wait must not be negative: " + lockWait);
        if (shards < 1) throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        if (replicas < 1) throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
    }

    /** Writing to an existing archive, refusing at once when another writer holds it. */
    public static WriterOptions of(String command) {
        return new WriterOptions(command, Duration.ZERO, Optional.empty(), false, ArchiveProgress.NONE, () -> false,
                DEFAULT_SHARDS, DEFAULT_REPLICAS);
    }

    public WriterOptions waiting(Duration newWait) {
        return new WriterOptions(command, newWait, createRoot, fullCheck, progress, stop, shards, replicas);
    }

    public WriterOptions creatingWithRoot(Path root) {
        return new WriterOptions(command, lockWait, Optional.of(root), fullCheck, progress, stop, shards, replicas);
    }

    public WriterOptions checkingEverything() {
        return new WriterOptions(command, lockWait, createRoot, true, progress, stop, shards, replicas);
    }

    public WriterOptions reportingTo(ArchiveProgress newProgress) {
        return new WriterOptions(command, lockWait, createRoot, fullCheck, newProgress, stop, shards, replicas);
    }

    public WriterOptions stoppingWhen(BooleanSupplier newStop) {
        return new WriterOptions(command, lockWait, createRoot, fullCheck, progress, newStop, shards, replicas);
    }

    public WriterOptions spreading(int newShards, int newReplicas) {
        return new WriterOptions(command, lockWait, createRoot, fullCheck, progress, stop, newShards, newReplicas);
    }
}
