package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.features.FeatureImport;
import io.histoseek.index.features.ImportRequest;
import io.histoseek.index.features.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Imports patch features (TRIDENT / CLAM .h5, docs/features.md) into an archive, one slide per
 * file, each file in one commit. Prints a line per file, then {@code files_imported},
 * {@code files_failed}, {@code tiles_added}; exits 0 only when no file failed. Holds the writer
 * lock; Ctrl-C, SIGTERM or SIGHUP stop after the current batch with what was committed kept.
 */
@Command(name = "import", description = "Import patch features (TRIDENT/CLAM .h5 files) into an archive, one slide per file.")
public final class ImportCommand implements Callable<Integer> {
    @Option(names = "--archive", required = true, paramLabel = "ARCHIVE",
            description = "The archive (created if missing): " + ArchiveOption.DESCRIPTION)
    String archive;

    @Option(names = "--features", required = true, arity = "1..*", paramLabel = "PATH",
            description = "An .h5 features file, or a folder of them (not recursive); repeatable.")
    List<Path> features;

    @Option(names = "--slides", paramLabel = "FOLDER",
            description = "Where the slides are: each file's slide is the slide file of the same stem under it (recursive). Unmatched slides are imported by name and recorded missing.")
    Path slides;

    @Option(names = "--mpp", paramLabel = "X", description = "Microns per level-0 pixel of every slide (default: the slide's, else 10 / level0_magnification).")
    Double mpp;

    @Option(names = "--encoder", paramLabel = "NAME",
            description = "The encoder that made the features, recorded by a new archive (default: h-optimus-0 for 1536-d, else unknown-DIM).")
    String encoder;

    @Mixin
    CollectionLayoutOption layout;

    @Mixin
    WaitOption wait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportRequest request = new ImportRequest(ArchiveAddress.of(archive), features, Optional.ofNullable(slides), mpp, Optional.ofNullable(encoder),
                wait.duration(), layout.shards, layout.replicas);
        ImportProgressPrinter progress = ImportProgressPrinter.forConsole(out, err);
        AtomicBoolean stop = new AtomicBoolean();
        try (StopSignals stops = StopSignals.install(() -> stop.set(true), err)) {
            ImportSummary summary;
            try {
                summary = new FeatureImport(request, progress, stop::get).run();
            } finally {
                progress.finish();
            }
            out.println("files_imported: " + summary.filesImported());
            out.println("files_failed: " + summary.filesFailed());
            out.println("tiles_added: " + summary.tilesAdded());
            out.flush();
            if (summary.stopped() && stops.received().isPresent()) {
                err.println("stopped by " + stops.received().get() + ": " + summary.filesImported() + " of " + summary.filesTotal()
                        + " files kept; run the same command again to import the rest");
                err.flush();
                return stops.exitStatus();
            }
            return summary.filesFailed() > 0 ? HistoseekCommand.EXIT_FAILURE : 0;
        }
    }
}
