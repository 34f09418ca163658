package io.histoseek.app.cli;

import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.cases.Vote;
import io.histoseek.index.search.ArchiveLabels;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.CaseVotes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code histoseek classify}: the vote of the K nearest labeled tiles from other cases on a point
 * or rectangle of a slide. Prints {@code label: NAME} (or {@code label: abstain}),
 * {@code agreement: 0.80} and {@code votes: NAME=4,OTHER=1}.
 */
@Command(name = "classify", description = "What the nearest labeled tiles of other cases say about a point or rectangle of a slide.")
final class ClassifyCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Mixin
    QueryRegion region;

    @Option(names = "-k", defaultValue = "" + SearchOptions.DEFAULT_K, description = "Labeled hits that vote (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--min-agreement", defaultValue = "0", paramLabel = "X",
            description = "Abstain when the winner has less than this share of the votes (0 to 1; default ${DEFAULT-VALUE}: always answer).")
    double minAgreement;

    @Option(names = "--ef", defaultValue = "0", paramLabel = "N",
            description = "Approximate candidates to gather before the exact re-rank (0: the engine's default).")
    int ef;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        region.validate();
        if (k < 1) throw new IllegalArgumentException("-k must be at least 1, got " + k);
        MinAgreement.check(minAgreement);
        try (Archive store = archive.open();
             OnDemandEmbedder embedder = region.embedder(store)) {
            ArchiveLabels labels = ArchiveLabels.of(store);
            if (labels.isEmpty()) throw noLabels(store);
            Path slide = new SlidePaths(store).query(region.slide);
            ArchiveSearcher.QueryVector query = new ArchiveSearcher(store, embedder)
                    .queryVector(slide, region.x, region.y, region.widthOrZero(), region.heightOrZero());
            Vote vote = new CaseVotes(store, labels).vote(query.vector(), query.slideId(), k, ef);
            PrintWriter out = spec.commandLine().getOut();
            out.println("label: " + vote.answer(minAgreement).orElse("abstain"));
            out.println(String.format(Locale.ROOT, "agreement: %.2f", vote.agreement()));
            out.println("votes: " + vote.votesText());
            out.flush();
        }
        return 0;
    }

    static ArchiveException noLabels(Archive store) {
        return new ArchiveException(store.address() + ": no slide has a label; import some with `histoseek labels --archive "
                + store.address() + " --import FILE.csv`");
    }
}
