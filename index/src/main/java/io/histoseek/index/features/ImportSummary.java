package io.histoseek.index.features;

import java.util.List;

/** An import run's outcome per file, in the order done; {@code stopped} when it was cancelled before the last file. */
public record ImportSummary(List<ImportOutcome> outcomes, int filesTotal, boolean stopped) {
    public ImportSummary {
        outcomes = List.copyOf(outcomes);
    }

    public long filesImported() {
        return outcomes.stream().filter(ImportOutcome::isImported).count();
    }

    public long filesFailed() {
        return outcomes.size() - filesImported();
    }

    public long tilesAdded() {
        return outcomes.stream().mapToLong(ImportOutcome::tiles).sum();
    }
}
