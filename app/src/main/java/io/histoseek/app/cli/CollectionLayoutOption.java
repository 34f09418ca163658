package io.histoseek.app.cli;

import io.histoseek.index.archive.WriterOptions;
import picocli.CommandLine.Option;

/** {@code --shards/--replicas} for the commands that may create a SolrCloud archive; a folder ignores them. */
final class CollectionLayoutOption {
    @Option(names = "--shards", defaultValue = "" + WriterOptions.DEFAULT_SHARDS, paramLabel = "N",
            description = "Shards of a new SolrCloud archive (default ${DEFAULT-VALUE}; a folder ignores it).")
    int shards;

    @Option(names = "--replicas", defaultValue = "" + WriterOptions.DEFAULT_REPLICAS, paramLabel = "N",
            description = "Replicas of each shard of a new SolrCloud archive (default ${DEFAULT-VALUE}; a folder ignores it).")
    int replicas;
}
