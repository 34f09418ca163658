package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveCounts;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.model.ModelIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Prints an archive's state as {@code key: value} lines. {@code index_vectors} is what the vector
 * engine's last commit holds: equal to {@code tiles} in a consistent archive (a write in progress,
 * or one a crash cut short, shows a difference until the next write command repairs it);
 * {@code index_segments} is how many parts a search goes through (few is fast).
 */
@Command(name = "info", description = "Print an archive's state as key: value lines.")
public final class InfoCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Option(names = "--failures", description = "Also list each failed slide and its reason.")
    boolean failures;

    @Option(names = "--slides", description = "Also list each slide: status, tiles, mpp and where the mpp came from "
            + "(slide, tiff-resolution, objective-power (estimate), user).")
    boolean slides;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Archive store = archive.open()) {
            ArchiveCounts counts = store.counts();
            Optional<ModelIdentity> model = store.model();
            out.println("archive: " + archive.display());
            out.println("root: " + store.root());
            out.println("slides_indexed: " + counts.slidesIndexed());
            out.println("slides_failed: " + counts.slidesFailed());
            out.println("slides_missing: " + counts.slidesMissing());
            out.println("slides_pending: " + counts.slidesPending());
            out.println("tiles: " + counts.tiles());
            out.println("index_vectors: " + store.vectors().count());
            out.println("index_segments: " + store.vectors().segments());
            out.println("checkpoint: " + model.map(ModelIdentity::fingerprint).orElse("none"));
            out.println("architecture: " + model.map(ModelIdentity::architecture).orElse("none"));
            out.println("dimension: " + model.map(m -> Integer.toString(m.dimension())).orElse("none"));
            if (slides) {
                SlidePaths paths = new SlidePaths(store);
                Map<Long, Long> tiles = store.tileCountsBySlide();
                for (SlideRecord slide : store.slides()) {
                    SlideMetadata metadata = slide.metadata();
                    out.println("slide: " + paths.shown(slide.path()) + "\t" + slide.status().name().toLowerCase(Locale.ROOT)
                            + "\ttiles " + tiles.getOrDefault(slide.id(), 0L) + "\tmpp " + metadata.describeMpp()
                            + "\tmpp_source " + (metadata.mppSource().isEmpty() ? "not recorded" : metadata.mppSource()));
                }
            }
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
}
