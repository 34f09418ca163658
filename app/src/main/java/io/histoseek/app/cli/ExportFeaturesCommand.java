package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.features.FeatureExport;
import io.histoseek.index.features.FeatureFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Writes an archive's slides as patch-feature files (the layout {@code import} reads, docs/features.md),
 * one {@code NAME.h5} per slide. Prints a line per slide, then {@code slides_exported} and
 * {@code tiles_exported}; exits 0 only when every slide was written.
 */
@Command(name = "export-features", description = "Write an archive's slides as patch-feature files (TRIDENT/CLAM .h5), one per slide.")
public final class ExportFeaturesCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "Where to write the .h5 files (created if missing).")
    Path out;

    @Option(names = "--slide", paramLabel = "SLIDE",
            description = "A slide to export, as `tiles` prints it (repeatable; default: every slide with tiles).")
    List<Path> slides = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        int failed = 0;
        long slidesDone = 0;
        long tiles = 0;
        try (Archive store = archive.open()) {
            SlidePaths paths = new SlidePaths(store);
            List<SlideRecord> chosen = new ArrayList<>();
            for (Path given : slides) {
                String stored = paths.stored(given).orElseThrow(() -> new IllegalArgumentException(
                        given + ": not a slide of archive " + archive.display() + "; nothing exported"));
                chosen.add(store.slide(stored).orElseThrow());
            }
            if (slides.isEmpty()) {
                java.util.Set<Long> withTiles = store.tileCountsBySlide().keySet();
                chosen = store.slides().stream().filter(s -> withTiles.contains(s.id())).toList();
            }
            FeatureExport export = new FeatureExport(store, out);
            for (SlideRecord slide : chosen) {
                try {
                    FeatureExport.Exported written = export.export(slide);
                    stdout.printf(Locale.ROOT, "exported: %s -> %s (%d tiles)%n", paths.shown(slide.path()), written.file(), written.tiles());
                    slidesDone++;
                    tiles += written.tiles();
                } catch (FeatureFileException e) {
                    stdout.printf(Locale.ROOT, "failed: %s: %s%n", paths.shown(slide.path()), e.getMessage());
                    failed++;
                }
                stdout.flush();
            }
        }
        stdout.println("slides_exported: " + slidesDone);
        stdout.println("tiles_exported: " + tiles);
        stdout.flush();
        return failed > 0 ? HistoseekCommand.EXIT_FAILURE : 0;
    }
}
