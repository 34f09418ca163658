package io.histoseek.index.features;

import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideNames;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Imports features files into an archive, one slide per file, each file in one commit: a re-import
 * replaces the slide's tiles (never adds to them), a file that fails leaves nothing of itself, and a
 * run killed at any instant leaves every file wholly imported or not at all (the archive's commit
 * order). Vectors are L2-normalized as the pipeline stores them. The heap holds one file's
 * coordinates (16 bytes a patch) and {@value #BATCH_ROWS} feature rows at a time. Holds the
 * archive's writer lock for the run; a problem with a file is recorded and the run goes on, a
 * problem with the archive (a full disk) stops it.
 */
public final class FeatureImport {
    /** Feature rows read, normalized and handed to the archive at a time (6 MB of 1536-d vectors). */
    public static final int BATCH_ROWS = 1024;
    /** The architecture recorded for vectors made outside Histoseek: the encoder is known by name only. */
    static final String IMPORTED = "imported";

    private final ImportRequest request;
    private final ImportListener listener;
    private final BooleanSupplier cancelled;

    public FeatureImport(ImportRequest request, ImportListener listener, BooleanSupplier cancelled) {
        this.request = request;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** The .h5 files the paths name: a file itself, a folder's .h5 files in name order. */
    public static List<Path> files(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    List<Path> h5 = children.filter(p -> p.getFileName().toString().endsWith(".h5") && Files.isRegularFile(p))
                            .sorted().toList();
                    if (h5.isEmpty()) throw new IllegalArgumentException(path + ": no .h5 files in this folder");
                    files.addAll(h5);
                } catch (IOException e) {
                    throw new UncheckedIOException(path + ": cannot list the folder (" + e.getMessage() + ")", e);
                }
            } else {
                throw new IllegalArgumentException(path + ": no such file or folder");
            }
        }
        return files;
    }

    public ImportSummary run() {
        List<Path> files = files(request.features());
        Path root = request.slides().orElseGet(() -> {
            Path first = request.features().getFirst().toAbsolutePath().normalize();
            return Files.isDirectory(first) ? first : first.getParent();
        });
        if (request.slides().isPresent() && !Files.isDirectory(request.slides().get())) {
            throw new IllegalArgumentException(request.slides().get() + ": no such folder");
        }
        List<ImportOutcome> outcomes = new ArrayList<>();
        boolean stopped = false;
        try (ArchiveWriter archive = Archives.openForWriting(request.archive(), writerOptions(root))) {
            SlideMatch match = new SlideMatch(archive, request.slides(), request.assumeMpp(),
                    request.archive().isFolder() ? Set.of(request.archive().folder().toAbsolutePath().normalize()) : Set.of());
            for (Path file : files) {
                if (cancelled.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                Optional<ImportOutcome> outcome = importFile(archive, match, file, outcomes.size(), files.size());
                if (outcome.isEmpty()) {
                    stopped = true;
                    break;
                }
                outcomes.add(outcome.get());
                listener.fileFinished(outcome.get());
            }
            if (!stopped && outcomes.stream().anyMatch(ImportOutcome::isImported)) archive.compact();
        }
        return new ImportSummary(outcomes, files.size(), stopped);
    }

    private WriterOptions writerOptions(Path root) {
        ArchiveProgress progress = ArchiveProgress.asNotes(listener::note, holder -> listener.note(ArchiveProgress.waitingLine(holder)));
        return WriterOptions.of("import").waiting(request.lockWait()).creatingWithRoot(root).reportingTo(progress)
                .stoppingWhen(cancelled).spreading(request.shards(), request.replicas());
    }

    /** The file's outcome; empty when the run was cancelled during it (nothing of it kept). */
    private Optional<ImportOutcome> importFile(ArchiveWriter archive, SlideMatch match, Path file, int done, int total) {
        String slide = "";
        boolean created = false;
        try (FeatureFileReader reader = FeatureFileReader.open(file)) {
            FeatureFileHeader header = reader.header();
            requireDimension(archive, header);
            SlideMatch.Target target = match.find(header);
            slide = target.storedPath();
            listener.fileStarted(file, header.rows(), done, total);
            long[][] coords = reader.coords();
            SlideMetadata metadata = target.fileFound() ? target.metadata()
                    : SlideMatch.covering(target.metadata(), coords, header.patchSizeLevel0());
            created = archive.slide(slide).isEmpty();
            boolean stopped = false;
            try (SlideWrite write = archive.beginSlide(metadata)) {
                for (int from = 0; from < header.rows() && !stopped; from += BATCH_ROWS) {
                    if (cancelled.getAsBoolean()) {
                        stopped = true;
                        continue;
                    }
                    int count = Math.min(BATCH_ROWS, header.rows() - from);
                    float[][] rows = reader.rows(from, count);
                    List<NewTile> batch = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        long[] xy = coords[from + i];
                        batch.add(new NewTile(xy[0], xy[1], header.patchSizeLevel0(), 1f, normalized(rows[i])));
                    }
                    write.add(batch);
                    listener.tilesAdded(count);
                }
                if (!stopped) write.commit();
            }
            if (stopped) {
                dropIfNew(archive, slide, created);
                return Optional.empty();
            }
            // Steps of their own after the commit: a crash between leaves the slide indexed (or, once its
            // file is found, beside its name-only self) until the rerun, which imports the file again.
            if (!target.fileFound()) {
                archive.markMissing(slide);
            } else if (!slide.equals(header.name()) && archive.slide(header.name()).filter(s -> SlideNames.isNameOnly(s.path())).isPresent()) {
                archive.removeSlide(header.name()); // imported by name before its file was found: the found slide replaces it
            }
            return Optional.of(ImportOutcome.imported(file, slide, header.rows(), target.fileFound()));
        } catch (FeatureFileException e) {
            dropIfNew(archive, slide, created);
            return Optional.of(ImportOutcome.failed(file, slide, e.problem()));
        }
    }

    private void requireDimension(ArchiveWriter archive, FeatureFileHeader header) {
        Optional<ModelIdentity> model = archive.model();
        if (model.isEmpty()) {
            String encoder = request.encoder().orElse(ImportRequest.defaultEncoder(header.dimension()));
            archive.bindModel(new ModelIdentity(encoder, IMPORTED, header.dimension()));
        } else if (model.get().dimension() != header.dimension()) {
            throw new FeatureFileException(header.file(), header.dimension() + "-d features; archive " + archive.address()
                    + " holds " + model.get().dimension() + "-d vectors; nothing imported from this file");
        }
    }

    /** A slide this file created (a row without tiles, from the start of its write) goes when the file fails. */
    private static void dropIfNew(ArchiveWriter archive, String slide, boolean created) {
        if (!created || slide.isEmpty()) return;
        Optional<SlideRecord> record = archive.slide(slide);
        if (record.isPresent() && archive.tilesIntersecting(record.get().id(), 0, 0, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4).isEmpty()) {
            archive.removeSlide(slide);
        }
    }

    /** The vector scaled to length 1, as the pipeline stores an encoder's output (all zeros stays zeros). */
    static float[] normalized(float[] vector) {
        double sum = 0;
        for (float v : vector) sum += (double) v * v;
        float scale = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0;
        for (int i = 0; i < vector.length; i++) vector[i] *= scale;
        return vector;
    }
}
