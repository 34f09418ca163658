package io.histoseek.index.pipeline;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.Preprocessing;
import io.histoseek.model.TileEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One indexing run: take the archive's writer lock, scan, then for each new or changed slide embed
 * its tissue tiles batch by batch and hand them to the archive writer thread (see
 * {@link SlideCommits}), which commits the slide as a whole. A slide is either fully stored or not
 * at all, so a run killed at any instant and started again ends with the same tiles as an
 * uninterrupted run. Slide problems are recorded and the run goes on; archive problems (a full
 * disk, a foreign checkpoint) stop it with the archive as it was after the last committed slide.
 * At the end the vector index is merged into few segments.
 */
final class Indexer {
    private final IndexingRequest request;
    private final IndexingListener listener;
    private final BooleanSupplier cancelled;
    private final PauseGate pause;
    private final StageTimes times = new StageTimes();

    Indexer(IndexingRequest request, IndexingListener listener, BooleanSupplier cancelled, PauseGate pause) {
        this.request = request;
        this.listener = listener;
        this.cancelled = cancelled;
        this.pause = pause;
    }

    IndexingSummary run() throws Exception {
        ArchiveAddress address = request.archive().absolute();
        List<Path> files = SlideFileScanner.outside(address).scan(request.folders());
        // The lock first: a second writer is refused before the encoder loads.
        try (ArchiveWriter archive = Archives.openForWriting(address, writerOptions());
             TileEncoder encoder = openEncoder()) {
            EncoderSettings.bind(archive, request, encoder);
            ProgressMeter meter = new ProgressMeter(files.size(), System::nanoTime);
            List<String> vanished = reportVanished(archive, files);
            BatchedTileFlow flow = new BatchedTileFlow(request.readerThreads(), encoder.batchSize(),
                    Preprocessing.TENSOR_LENGTH, times);
            SlideSource source = new SlideSource(request.tiling());
            Tally tally = new Tally();
            boolean stopped = false;
            try (SlideCommits commits = new SlideCommits(archive, times)) {
                for (Path file : files) {
                    if (cancelled.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    try {
                        Step step = indexSlide(file, archive, source, flow, encoder, meter, commits);
                        if (step.commit() != null) {
                            step.commit().commit().ifPresent(done -> finish(done, tally, meter));
                        } else {
                            finish(step.done(), tally, meter);
                        }
                    } catch (CancellationException e) {
                        stopped = true;
                        break;
                    }
                }
                commits.awaitLast().ifPresent(done -> finish(done, tally, meter));
            }
            if (tally.embedded > 0 && !stopped) {
                archive.compact();
            }
            return new IndexingSummary(files.size(), tally.embedded, tally.unchanged, List.copyOf(tally.failed), vanished,
                    tally.tilesStored, stopped, times);
        }
    }

    /** The encoder, once the archive is taken: the listener hears first that the wait (if any) is over. */
    private TileEncoder openEncoder() throws Exception {
        listener.archiveOpened();
        return Encoders.open(request.checkpoint(), request.encoderOptions());
    }

    private WriterOptions writerOptions() {
        ArchiveProgress progress = ArchiveProgress.asNotes(listener::note, listener::waitingForWriter);
        return WriterOptions.of("index").waiting(request.lockWait())
                .creatingWithRoot(ArchiveRoot.commonFolder(request.folders())).reportingTo(progress).stoppingWhen(cancelled)
                .spreading(request.shards(), request.replicas());
    }

    /** Counts of the run's outcomes. */
    private static final class Tally {
        int embedded;
        int unchanged;
        long tilesStored;
        final List<SlideOutcome> failed = new ArrayList<>();
    }

    /** A slide dealt with now ({@code done}), or embedded and waiting for its {@code commit}. */
    private record Step(SlideOutcome done, SlideCommits.Slide commit) {
        static Step done(SlideOutcome outcome) {
            return new Step(outcome, null);
        }
    }

    private void finish(SlideOutcome outcome, Tally tally, ProgressMeter meter) {
        meter.slideFinished(outcome);
        switch (outcome.status()) {
            case EMBEDDED -> {
                tally.embedded++;
                tally.tilesStored += outcome.tiles();
            }
            case UNCHANGED -> tally.unchanged++;
            case FAILED -> tally.failed.add(outcome);
        }
        listener.slideFinished(outcome);
        listener.progress(meter.snapshot());
    }

    private Step indexSlide(Path file, ArchiveWriter store, SlideSource source, BatchedTileFlow flow,
                            TileEncoder encoder, ProgressMeter meter, SlideCommits commits) throws Exception {
        String stored = store.storedPath(file);
        long prepareStart = System.nanoTime();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Step.done(recordFailure(store, new SlideMetadata(stored, 0, 0, null, null, 0, "", 0, 0),
                    "cannot read the file (" + e.getMessage() + ")"));
        }
        long size = attributes.size();
        long mtime = attributes.lastModifiedTime().toMillis();
        Optional<SlideRecord> known = store.slide(stored);
        if (known.isPresent() && isCurrent(known.get(), size, mtime)) {
            if (known.get().status() == SlideStatus.MISSING) {
                store.markIndexed(known.get().metadata());
            }
            times.addPrepare(System.nanoTime() - prepareStart);
            return Step.done(new SlideOutcome(stored, SlideOutcome.Status.UNCHANGED, 0, ""));
        }
        SlideMetadata metadata = new SlideMetadata(stored, size, mtime, null, null, 0, "", 0, 0);
        try (SlideSource.Prepared slide = source.prepare(file)) {
            metadata = slide.metadata(stored, size, mtime);
            if (known.isPresent() && hasTiles(known.get()) && metadata.quickhash() != null
                    && metadata.quickhash().equals(known.get().metadata().quickhash())) {
                // Touched or copied over with the same content: new file stats, same tiles.
                store.markIndexed(metadata);
                times.addPrepare(System.nanoTime() - prepareStart);
                return Step.done(new SlideOutcome(stored, SlideOutcome.Status.UNCHANGED, 0, ""));
            }
            List<TilePosition> positions = slide.tilePositions();
            times.addPrepare(System.nanoTime() - prepareStart);
            meter.slideStarted(stored, positions.size());
            SlideCommits.Slide writing = commits.begin(stored, metadata);
            try {
                flow.run(positions, slide::newLoader, tensors -> encoder.encode(tensors, cancelled), (batch, vectors) -> {
                    List<NewTile> tiles = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        tiles.add(SlideSource.Prepared.newTile(batch.get(i), vectors[i]));
                    }
                    writing.add(tiles);
                    meter.tilesStored(batch.size());
                    listener.progress(meter.snapshot());
                }, cancelled, pause);
            } catch (Exception | Error e) {
                writing.abandon();
                throw e;
            }
            return new Step(null, writing);
        } catch (CancellationException | ArchiveException e) {
            throw e;
        } catch (Exception e) {
            return Step.done(recordFailure(store, metadata, SlideSource.reason(e)));
        }
    }

    private static boolean isCurrent(SlideRecord record, long size, long mtime) {
        return hasTiles(record) && record.metadata().sizeBytes() == size && record.metadata().mtimeMillis() == mtime;
    }

    /** Whether the archive holds the slide's tiles (a pending slide was cut short or reset: it has none). */
    private static boolean hasTiles(SlideRecord record) {
        return record.status() == SlideStatus.INDEXED || record.status() == SlideStatus.MISSING;
    }

    private static SlideOutcome recordFailure(ArchiveWriter store, SlideMetadata metadata, String reason) {
        store.markFailed(metadata, reason);
        return SlideOutcome.failed(metadata.path(), reason);
    }

    /** Slides recorded under the scanned folders whose files are gone: marked missing, tiles kept. */
    private List<String> reportVanished(ArchiveWriter store, List<Path> found) {
        Set<Path> foundFiles = new HashSet<>(found);
        List<Path> scanned = request.folders().stream().map(ArchiveRoot::canonical).toList();
        List<String> vanished = new ArrayList<>();
        for (SlideRecord slide : store.slides()) {
            Path file = store.resolve(slide.path());
            boolean underScan = scanned.stream().anyMatch(file::startsWith);
            if (underScan && !foundFiles.contains(file) && !Files.exists(file)) {
                if (slide.status() != SlideStatus.MISSING && slide.status() != SlideStatus.FAILED) {
                    store.markMissing(slide.path());
                }
                vanished.add(slide.path());
                listener.slideVanished(slide.path());
            }
        }
        return List.copyOf(vanished);
    }
}
