package io.histoseek.index.pipeline;

import io.histoseek.index.store.ArchiveException;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.index.store.NewTile;
import io.histoseek.index.store.SlideMetadata;
import io.histoseek.index.store.SlideRecord;
import io.histoseek.index.store.SlideStatus;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.model.Encoders;
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
 * One indexing run: scan, then for each new or changed slide embed its tissue tiles and commit
 * them in one transaction, then add them to the HNSW index. A slide is either fully stored or
 * not at all, so a run killed at any instant and started again ends with the same tiles as an
 * uninterrupted run. Slide problems are recorded and the run goes on; archive problems (a full
 * disk, a foreign checkpoint) stop it with the archive as it was after the last committed slide.
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
        Path archiveFolder = request.archive().toAbsolutePath().normalize();
        List<Path> files = new SlideFileScanner(Set.of(archiveFolder)).scan(request.folders());
        try (TileEncoder encoder = Encoders.open(request.checkpoint(), request.encoderOptions());
             ArchiveStore store = ArchiveStore.openOrCreate(archiveFolder, ArchiveRoot.commonFolder(request.folders()))) {
            EncoderSettings.bind(store, request, encoder);
            SlideCommitter index = SlideCommitter.open(store, listener);
            ProgressMeter meter = new ProgressMeter(files.size(), System::nanoTime);
            List<String> vanished = reportVanished(store, files);
            BatchedTileFlow flow = new BatchedTileFlow(request.readerThreads(), encoder.batchSize(),
                    Preprocessing.TENSOR_LENGTH, times);
            SlideSource source = new SlideSource(request.tiling());
            int embedded = 0;
            int unchanged = 0;
            long tilesStored = 0;
            List<SlideOutcome> failed = new ArrayList<>();
            boolean stopped = false;
            for (Path file : files) {
                if (cancelled.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                SlideOutcome outcome;
                try {
                    outcome = indexSlide(file, store, index, source, flow, encoder, meter);
                } catch (CancellationException e) {
                    stopped = true;
                    break;
                }
                meter.slideFinished(outcome);
                switch (outcome.status()) {
                    case EMBEDDED -> {
                        embedded++;
                        tilesStored += outcome.tiles();
                    }
                    case UNCHANGED -> unchanged++;
                    case FAILED -> failed.add(outcome);
                }
                listener.slideFinished(outcome);
                listener.progress(meter.snapshot());
                index.saveIfDue();
            }
            index.save();
            if (stopped) {
                listener.note("stopped; the slide in progress was rolled back, run again to resume");
            }
            return new IndexingSummary(files.size(), embedded, unchanged, List.copyOf(failed), vanished,
                    tilesStored, stopped, times);
        }
    }

    private SlideOutcome indexSlide(Path file, ArchiveStore store, SlideCommitter index, SlideSource source,
                                    BatchedTileFlow flow, TileEncoder encoder, ProgressMeter meter) throws Exception {
        String stored = store.storedPath(file);
        long prepareStart = System.nanoTime();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return recordFailure(store, new SlideMetadata(stored, 0, 0, null, null, 0, 0, 0),
                    "cannot read the file (" + e.getMessage() + ")");
        }
        long size = attributes.size();
        long mtime = attributes.lastModifiedTime().toMillis();
        Optional<SlideRecord> known = store.slide(stored);
        if (known.isPresent() && isCurrent(known.get(), size, mtime)) {
            if (known.get().status() == SlideStatus.MISSING) {
                store.markIndexed(known.get().metadata());
            }
            times.addPrepare(System.nanoTime() - prepareStart);
            return new SlideOutcome(stored, SlideOutcome.Status.UNCHANGED, 0, "");
        }
        SlideMetadata metadata = new SlideMetadata(stored, size, mtime, null, null, 0, 0, 0);
        try (SlideSource.Prepared slide = source.prepare(file)) {
            metadata = slide.metadata(stored, size, mtime);
            if (known.isPresent() && known.get().status() != SlideStatus.FAILED && metadata.quickhash() != null
                    && metadata.quickhash().equals(known.get().metadata().quickhash())) {
                // Touched or copied over with the same content: new file stats, same tiles.
                store.markIndexed(metadata);
                times.addPrepare(System.nanoTime() - prepareStart);
                return new SlideOutcome(stored, SlideOutcome.Status.UNCHANGED, 0, "");
            }
            List<TilePosition> positions = slide.tilePositions();
            times.addPrepare(System.nanoTime() - prepareStart);
            meter.slideStarted(stored, positions.size());
            List<NewTile> tiles = new ArrayList<>(positions.size());
            flow.run(positions, slide::newLoader, encoder::encode, (batch, vectors) -> {
                for (int i = 0; i < batch.size(); i++) {
                    tiles.add(SlideSource.Prepared.newTile(batch.get(i), vectors[i]));
                }
                meter.tilesStored(batch.size());
                listener.progress(meter.snapshot());
            }, cancelled, pause);
            long storeStart = System.nanoTime();
            index.commit(metadata, tiles);
            times.addStore(System.nanoTime() - storeStart);
            return new SlideOutcome(stored, SlideOutcome.Status.EMBEDDED, tiles.size(), "");
        } catch (CancellationException | ArchiveException e) {
            throw e;
        } catch (Exception e) {
            return recordFailure(store, metadata, SlideSource.reason(e));
        }
    }

    private static boolean isCurrent(SlideRecord record, long size, long mtime) {
        return (record.status() == SlideStatus.INDEXED || record.status() == SlideStatus.MISSING)
                && record.metadata().sizeBytes() == size && record.metadata().mtimeMillis() == mtime;
    }

    private static SlideOutcome recordFailure(ArchiveStore store, SlideMetadata metadata, String reason) {
        store.markFailed(metadata, reason);
        return SlideOutcome.failed(metadata.path(), reason);
    }

    /** Slides recorded under the scanned folders whose files are gone: marked missing, tiles kept. */
    private List<String> reportVanished(ArchiveStore store, List<Path> found) {
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
