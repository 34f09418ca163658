package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.cases.Evaluation;
import io.histoseek.index.cases.Figures;
import io.histoseek.index.cases.report.Report;
import io.histoseek.index.cases.report.ReportWriter;
import io.histoseek.index.search.ArchiveEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code histoseek evaluate}: leave-one-case-out retrieval over an archive's labeled tiles (or a
 * seeded sample) or slides. Prints {@code queries: N} and the figures of docs/cases.md; with
 * {@code --out} the report files. Progress and ETA on stderr.
 */
@Command(name = "evaluate", description = "Leave-one-case-out retrieval accuracy over an archive's labeled tiles or slides.")
final class EvaluateCommand implements Callable<Integer> {
    enum Level { tile, slide }

    @Mixin
    ArchiveOption archive;

    @Option(names = "-k", split = ",", defaultValue = "1,5", paramLabel = "K[,K...]",
            description = "Neighbours (tiles, or slides at slide level) that vote (default: ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--level", defaultValue = "tile", description = "tile: every labeled tile is a query; slide: every labeled slide (default ${DEFAULT-VALUE}).")
    Level level;

    @Option(names = "--min-agreement", paramLabel = "X",
            description = "Also report abstained@K and answered_accuracy@K: a vote abstains when its winner has less than this share.")
    Double minAgreement;

    @Option(names = "--sample", paramLabel = "N", description = "At tile level, query N labeled tiles drawn at random (seeded) instead of all.")
    Integer sample;

    @Option(names = "--seed", defaultValue = "14", description = "Seed of --sample (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Searches at once (default: the number of processors).")
    Integer threads;

    @Option(names = "--ef", defaultValue = "0", paramLabel = "N",
            description = "Approximate candidates per search before the exact re-rank (0: the engine's default).")
    int ef;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report here: index.html, confusion-kK.png, per-query.csv, summary.json.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true"); // the report's charts need no display
        List<Integer> kValues = KList.check(ks);
        if (minAgreement != null) MinAgreement.check(minAgreement);
        if (sample != null && sample < 1) throw new IllegalArgumentException("--sample must be at least 1, got " + sample);
        if (sample != null && level == Level.slide) throw new IllegalArgumentException("--sample is for --level tile; slide level queries every labeled slide");
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threadCount);
        PrintWriter stdout = spec.commandLine().getOut();
        Evaluation evaluation;
        try (Archive store = archive.open()) {
            ArchiveEvaluation.Options options = new ArchiveEvaluation.Options(
                    level == Level.tile ? Evaluation.Level.TILE : Evaluation.Level.SLIDE, kValues,
                    minAgreement == null ? OptionalDouble.empty() : OptionalDouble.of(minAgreement),
                    sample == null ? OptionalInt.empty() : OptionalInt.of(sample), seed, threadCount, ef);
            evaluation = new ArchiveEvaluation(store).run(options, ProgressLine.forStderr(spec.commandLine().getErr()));
        }
        stdout.println("queries: " + evaluation.queries().size());
        Figures.lines(evaluation).forEach(stdout::println);
        if (out != null) {
            for (Path file : ReportWriter.write(report(kValues, evaluation), out)) stdout.println("report: " + file);
        }
        stdout.flush();
        return 0;
    }

    private Report report(List<Integer> kValues, Evaluation evaluation) {
        List<Report.Parameter> parameters = new ArrayList<>();
        parameters.add(new Report.Parameter("archive", archive.display()));
        parameters.add(new Report.Parameter("level", level.name()));
        parameters.add(new Report.Parameter("K", kValues.stream().map(String::valueOf).collect(Collectors.joining(","))));
        if (minAgreement != null) parameters.add(new Report.Parameter("min agreement", String.format(Locale.ROOT, "%.2f", minAgreement)));
        if (sample != null) parameters.add(new Report.Parameter("sample", sample + " labeled tiles, seed " + seed));
        parameters.add(new Report.Parameter("leave out", "the query's slide and every slide of its case; unlabeled slides"));
        parameters.add(new Report.Parameter("search", level == Level.tile ? "the archive's vector engine, filtered inside the search"
                : "Yottixel: mosaic of up to 64 tiles, median of best matches"));
        parameters.add(new Report.Parameter("created", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        return new Report("Retrieval evaluation: " + archive.address().name(), parameters, evaluation);
    }
}
