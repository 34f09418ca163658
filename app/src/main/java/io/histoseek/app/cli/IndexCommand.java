package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.pipeline.IndexingJob;
import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.pipeline.IndexingSummary;
import io.histoseek.index.pipeline.TextProgressPrinter;
import io.histoseek.index.pipeline.TilingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Embeds every new or changed slide under the folders into the archive. Progress goes to stderr;
 * the summary ({@code key: value} lines) to stdout. Ctrl-C, SIGTERM or SIGHUP stops within seconds
 * at a safe point: the slide in progress is rolled back, what was committed stays, one line says
 * what was kept, the status is the signal's (130, 143, 129), and the next run resumes. Holds the
 * archive's writer lock for the whole run.
 */
@Command(name = "index", description = "Embed the tissue tiles of every new or changed slide under FOLDER... into an archive.")
public final class IndexCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "Folders to scan for slides (recursively).")
    List<Path> folders;

    @Option(names = "--archive", required = true, paramLabel = "ARCHIVE",
            description = ArchiveOption.DESCRIPTION + " Created if missing.")
    String archive;

    @Mixin
    CollectionLayoutOption layout;

    @Mixin
    ModelOptions model;

    @Mixin
    WaitOption wait;

    @Option(names = "--threads", paramLabel = "N", description = "Tile reader threads (default: one per core).")
    Integer threads;

    @Option(names = "--tissue-threshold", paramLabel = "F",
            description = "Least tissue fraction of a kept tile, 0..1 (default: 0.25).")
    Double tissueThreshold;

    @Option(names = {"--assume-mpp", "--mpp"}, paramLabel = "X",
            description = "Microns per pixel for every slide, overriding the file's (slides with neither an mpp nor an objective power need it).")
    Double assumeMpp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        IndexingRequest request = new IndexingRequest(folders, ArchiveAddress.of(archive), model.resolveCheckpoint(),
                model.encoderOptions(), threads != null ? threads : IndexingRequest.defaultReaderThreads(),
                new TilingOptions(tissueThreshold, assumeMpp), wait.duration(), layout.shards, layout.replicas);
        PrintWriter err = spec.commandLine().getErr();
        TextProgressPrinter progress = TextProgressPrinter.forStderr(err);
        IndexingJob job = IndexingJob.start(request, progress);
        try (StopSignals stops = StopSignals.install(job::cancel, err)) {
            IndexingSummary summary;
            try {
                summary = job.await();
            } finally {
                progress.finish();
            }
            print(summary, spec.commandLine().getOut());
            if (summary.cancelled() && stops.received().isPresent()) {
                err.println("stopped by " + stops.received().get() + ": " + kept(summary)
                        + " kept; run the same command again to resume");
                err.flush();
                return stops.exitStatus();
            }
        }
        return 0;
    }

    /** "12 slides (3,400 tiles)": what this run committed before it stopped. */
    private static String kept(IndexingSummary summary) {
        return String.format(Locale.ROOT, "%,d slide%s (%,d tile%s)", summary.embedded(), summary.embedded() == 1 ? "" : "s",
                summary.tilesStored(), summary.tilesStored() == 1 ? "" : "s");
    }

    private static void print(IndexingSummary summary, PrintWriter out) {
        out.println("slides_found: " + summary.slidesFound());
        out.println("slides_embedded: " + summary.embedded());
        out.println("slides_unchanged: " + summary.unchanged());
        out.println("slides_failed: " + summary.failed().size());
        out.println("slides_missing: " + summary.vanished().size());
        out.println("tiles_added: " + summary.tilesStored());
        out.println("stopped_early: " + summary.cancelled());
        out.flush();
    }
}
