package io.histoseek.index.pipeline;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.EncoderOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to index and how.
 *
 * @param folders         folders scanned recursively for slides (slide files may be given too)
 * @param archive         the archive: a folder or a cluster address (created on the first run)
 * @param checkpoint      the encoder's weights; must be the archive's own checkpoint
 * @param encoderOptions  device, precision, batch size, heads
 * @param readerThreads   threads reading and normalizing tiles for the encoder
 * @param tiling          tissue threshold and assumed mpp
 * @param lockWait        how long to wait for another writer of the archive before refusing
 * @param shards          parts of a new archive on a cluster
 * @param replicas        copies of each part of a new archive on a cluster
 */
public record IndexingRequest(List<Path> folders, ArchiveAddress archive, Path checkpoint, EncoderOptions encoderOptions,
                              int readerThreads, TilingOptions tiling, Duration lockWait, int shards, int replicas) {
    public IndexingRequest {
        folders = List.copyOf(folders);
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(encoderOptions, "encoderOptions");
        Objects.requireNonNull(tiling, "tiling");
        Objects.requireNonNull(lockWait, "lockWait");
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("give at least one folder to index");
        }
        if (readerThreads < 1) {
            throw new IllegalArgumentException("reader threads must be at least 1, got " + readerThreads);
        }
    }

    /** A folder archive, refusing at once when another process writes it. */
    public IndexingRequest(List<Path> folders, Path archive, Path checkpoint, EncoderOptions encoderOptions,
                           int readerThreads, TilingOptions tiling) {
        this(folders, ArchiveAddress.of(archive), checkpoint, encoderOptions, readerThreads, tiling, Duration.ZERO,
                WriterOptions.DEFAULT_SHARDS, WriterOptions.DEFAULT_REPLICAS);
    }

    /** One reader per core: reading and normalizing a tile costs about as much as it takes to decode it. */
    public static int defaultReaderThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
