package io.histoseek.app.cli;

import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.cases.SlideRanking;
import io.histoseek.index.search.ArchiveLabels;
import io.histoseek.index.search.SimilarSlides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code histoseek search-slides}: the archive's slides most like a whole slide, by Yottixel's
 * rule (docs/cases.md). Rows {@code rank<TAB>score<TAB>slide<TAB>label}, best first; the query
 * slide and the slides of its case are never returned.
 */
@Command(name = "search-slides", description = "Rank the archive's other slides by similarity to a whole slide (Yottixel's median rule).")
final class SearchSlidesCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Option(names = "--slide", required = true, paramLabel = "PATH",
            description = "A slide of the archive: as `tiles` prints it, relative to the working folder, or to the archive root.")
    Path slide;

    @Option(names = "-k", defaultValue = "" + SearchOptions.DEFAULT_K, description = "Number of slides (default ${DEFAULT-VALUE}).")
    int k;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (k < 1) throw new IllegalArgumentException("-k must be at least 1, got " + k);
        try (Archive store = archive.open()) {
            SlidePaths paths = new SlidePaths(store);
            String stored = paths.stored(slide).orElseThrow(() -> new IllegalArgumentException(
                    slide + ": not a slide of archive " + archive.text + " (index it first)"));
            SlideRecord query = store.slide(stored).orElseThrow();
            SimilarSlides similar = new SimilarSlides(store);
            List<float[]> mosaic = similar.mosaic(query.id());
            if (mosaic.isEmpty()) {
                throw new IllegalArgumentException(slide + ": no tiles in archive " + archive.text + " (not indexed, or no tissue)");
            }
            ArchiveLabels labels = ArchiveLabels.of(store);
            List<SlideRanking.RankedSlide> ranked = similar.rank(mosaic, labels.otherCases(query.id()),
                    Math.max(SimilarSlides.HITS_PER_TILE, k));
            PrintWriter out = spec.commandLine().getOut();
            int rank = 0;
            for (SlideRanking.RankedSlide r : ranked.subList(0, Math.min(k, ranked.size()))) {
                SlideRecord record = store.slide(r.slideId()).orElse(null);
                if (record == null) continue; // removed meanwhile
                out.printf(Locale.ROOT, "%d\t%.6f\t%s\t%s%n", ++rank, r.score(), paths.shown(record.path()),
                        labels.of(r.slideId()).map(SlideLabel::label).orElse(""));
            }
            out.flush();
        }
        return 0;
    }
}
