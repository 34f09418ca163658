package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The query of {@code search} and {@code export}: where ({@link QueryRegion}) and the search options. */
final class QueryOptions {
    @Mixin
    QueryRegion region;

    @Option(names = "-k", defaultValue = "10", description = "Number of results (default ${DEFAULT-VALUE}).")
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

    /** A searcher over the archive (the caller closes the archive). */
    static ArchiveSearcher searcher(Archive archive, OnDemandEmbedder embedder) {
        return new ArchiveSearcher(archive, embedder);
    }
}
