package io.histoseek.index.features;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.WriterOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to import.
 *
 * @param archive   the archive: a folder (created when missing, with {@code slides} or the features' folder as its
 *                  root) or a cluster address
 * @param features  .h5 files, or folders whose .h5 files (not recursive) are imported, in name order
 * @param slides    where to look for each file's slide by file stem (recursive)
 * @param assumeMpp microns per level-0 pixel for every slide, overriding the slide's and the file's
 * @param encoder   the encoder name an archive created by this import records (default: {@link #defaultEncoder})
 * @param lockWait  how long to wait for another writer
 * @param shards    shards of a cluster archive this import creates (a folder ignores it)
 * @param replicas  replicas of each shard of a cluster archive this import creates (a folder ignores it)
 */
public record ImportRequest(ArchiveAddress archive, List<Path> features, Optional<Path> slides, Double assumeMpp,
                            Optional<String> encoder, Duration lockWait, int shards, int replicas) {
    public ImportRequest {
        Objects.requireNonNull(archive, "archive");
        features = List.copyOf(features);
        Objects.requireNonNull(slides, "slides");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(lockWait, "lockWait");
        if (features.isEmpty()) throw new IllegalArgumentException("no features file given");
        if (assumeMpp != null && !(assumeMpp > 0 && Double.isFinite(assumeMpp))) {
            throw new IllegalArgumentException("--mpp must be a positive number, got " + assumeMpp);
        }
        if (encoder.isPresent() && encoder.get().isBlank()) throw new IllegalArgumentException("--encoder must not be empty");
    }

    /** An import into the archive in {@code folder}. */
    public ImportRequest(Path folder, List<Path> features, Optional<Path> slides, Double assumeMpp,
                         Optional<String> encoder, Duration lockWait) {
        this(ArchiveAddress.of(folder), features, slides, assumeMpp, encoder, lockWait, WriterOptions.DEFAULT_SHARDS,
                WriterOptions.DEFAULT_REPLICAS);
    }

    /** H-optimus-0 for 1536-d features (what TRIDENT runs at 224 px, 20x, as we do), otherwise {@code unknown-DIM}. */
    public static String defaultEncoder(int dimension) {
        return dimension == 1536 ? "h-optimus-0" : "unknown-" + dimension;
    }
}
