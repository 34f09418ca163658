package io.histoseek.app.cli;

import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.CorruptIndexException;
import io.histoseek.index.ann.HnswFile;
import io.histoseek.index.store.ArchiveCounts;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.model.ModelIdentity;
import io.histoseek.index.store.SlideRecord;
import io.histoseek.index.store.SlideStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Prints an archive's state as {@code key: value} lines. {@code index_vectors} is what the HNSW
 * file on disk holds (0 when it is missing or unreadable; the next run rebuilds it), so a
 * difference from {@code tiles} shows an index that lags behind.
 */
@Command(name = "info", description = "Print an archive's state as key: value lines.")
public final class InfoCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Option(names = "--failures", description = "Also list each failed slide and its reason.")
    boolean failures;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ArchiveStore store = archive.open()) {
            ArchiveCounts counts = store.counts();
            Optional<ModelIdentity> model = store.model();
            out.println("archive: " + store.folder().toAbsolutePath().normalize());
            out.println("root: " + store.root());
            out.println("slides_indexed: " + counts.slidesIndexed());
            out.println("slides_failed: " + counts.slidesFailed());
            out.println("slides_missing: " + counts.slidesMissing());
            out.println("slides_pending: " + counts.slidesPending());
            out.println("tiles: " + counts.tiles());
            out.println("index_vectors: " + indexVectors(store.folder().resolve(ArchiveIndex.FILE)));
            out.println("checkpoint: " + model.map(ModelIdentity::fingerprint).orElse("none"));
            out.println("architecture: " + model.map(ModelIdentity::architecture).orElse("none"));
            out.println("dimension: " + model.map(m -> Integer.toString(m.dimension())).orElse("none"));
            if (failures) {
                SlidePaths paths = new SlidePaths(store);
                for (SlideRecord slide : store.slides()) {
                    if (slide.status() == SlideStatus.FAILED) {
                        out.println("failed: " + paths.shown(slide.path()) + ": " + slide.failureReason());
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    private static int indexVectors(Path file) {
        try {
            return HnswFile.read(file).graph().size();
        } catch (IOException | CorruptIndexException e) {
            return 0;
        }
    }
}
