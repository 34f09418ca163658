package io.histoseek.app.cli;

import io.histoseek.index.TextEscapes;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.archive.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Finds the tiles most like a point (the tile containing it) or a rectangle (the mean of its
 * tiles) of a slide, refined by more examples like it ({@code --also}) or unlike it
 * ({@code --not}) by the rule of docs/refine.md. A slide or point the archive lacks is embedded on
 * the fly with the archive's checkpoint. Rows are {@code rank<TAB>score<TAB>slide<TAB>x<TAB>y}, best first; slides
 * print as absolute paths (see {@link SlidePaths}).
 */
@Command(name = "search", description = "Find the tiles most similar to a point or rectangle of a slide (refined with --also and --not examples).")
public final class SearchCommand implements Callable<Integer> {
    enum Format { tsv, json }

    @Mixin
    ArchiveOption archive;

    @Mixin
    QueryOptions query;

    @Mixin
    ResultOptions results;

    @Option(names = "--format", defaultValue = "tsv", description = "tsv or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        query.region.validate();
        SearchOptions options = results.searchOptions();
        try (Archive store = archive.open();
             OnDemandEmbedder embedder = query.region.embedder(store)) {
            SlidePaths paths = new SlidePaths(store);
            List<SearchHit> hits = QueryOptions.searcher(store, embedder).searchExamples(query.examples(paths), options);
            print(hits, paths, spec.commandLine().getOut());
        }
        return 0;
    }

    private void print(List<SearchHit> hits, SlidePaths paths, PrintWriter out) {
        if (format == Format.tsv) {
            for (SearchHit hit : hits) {
                out.printf(Locale.ROOT, "%d\t%.6f\t%s\t%d\t%d%n", hit.rank(), hit.score(),
                        paths.shown(hit.slide().path()), hit.x(), hit.y());
            }
        } else {
            out.println("[");
            for (int i = 0; i < hits.size(); i++) {
                SearchHit hit = hits.get(i);
                out.printf(Locale.ROOT, "  {\"rank\": %d, \"score\": %.6f, \"slide\": %s, \"x\": %d, \"y\": %d, \"size\": %d}%s%n",
                        hit.rank(), hit.score(), TextEscapes.json(paths.shown(hit.slide().path())), hit.x(), hit.y(),
                        hit.size(), i + 1 < hits.size() ? "," : "");
            }
            out.println("]");
        }
        out.flush();
    }
}
