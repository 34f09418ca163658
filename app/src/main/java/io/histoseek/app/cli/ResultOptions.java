package io.histoseek.app.cli;

import io.histoseek.index.search.SearchOptions;
import picocli.CommandLine.Option;

/** How many hits {@code search} and {@code export} return, and from where. */
final class ResultOptions {
    @Option(names = "-k", defaultValue = "" + SearchOptions.DEFAULT_K, description = "Number of results (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--exclude-same-slide", description = "Leave out tiles of the query's own slide.")
    boolean excludeSameSlide;

    @Option(names = "--max-per-slide", defaultValue = "0", paramLabel = "N", description = "At most N results per slide (0: no limit).")
    int maxPerSlide;

    @Option(names = "--ef", defaultValue = "0", paramLabel = "N",
            description = "Approximate candidates to gather before the exact re-rank: the HNSW search list (0: the engine's default; never fewer than -k).")
    int ef;

    SearchOptions searchOptions() {
        return new SearchOptions(k, excludeSameSlide, maxPerSlide, ef);
    }
}
