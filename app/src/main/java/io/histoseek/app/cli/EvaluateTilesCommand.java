package io.histoseek.app.cli;

import io.histoseek.index.cases.Evaluation;
import io.histoseek.index.cases.Figures;
import io.histoseek.index.cases.TileFolder;
import io.histoseek.index.cases.TileFolderEvaluation;
import io.histoseek.index.cases.report.Report;
import io.histoseek.index.cases.report.ReportWriter;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.TileSpec;
import io.histoseek.model.load.Encoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * {@code histoseek evaluate-tiles}: the model card's k-NN protocol on a labeled tile folder (one
 * subfolder per class). Prints {@code tiles:}, {@code classes:} and per K {@code accuracy@K:} and
 * {@code balanced_accuracy@K:}; with {@code --out} the report files. Files that cannot be read are
 * named on stderr, one line each, and left out.
 */
@Command(name = "evaluate-tiles", description = "Leave-one-out k-NN accuracy of the encoder on a folder of labeled tiles (one subfolder per class).")
final class EvaluateTilesCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "One subfolder per class holding its tile images (PNG, JPEG, TIFF; any size).")
    Path folder;

    @Option(names = "-k", split = ",", defaultValue = "1,5", paramLabel = "K[,K...]",
            description = "Neighbours that vote (default: ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--group-by", paramLabel = "REGEX",
            description = "Tiles whose file names give the same group (first capturing group, else the match: e.g. the patient) never vote for each other.")
    String groupBy;

    @Option(names = "--mpp", paramLabel = "X",
            description = "Microns per pixel of the tiles: rescale them by physical size to the model's scale instead of resizing to the tile size.")
    Double mpp;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the report here: index.html, confusion-kK.png, per-query.csv, summary.json.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true"); // the report's charts need no display
        List<Integer> kValues = KList.check(ks);
        Optional<Pattern> groups = groupPattern();
        if (mpp != null && !(mpp > 0 && Double.isFinite(mpp))) {
            throw new IllegalArgumentException("--mpp must be a positive number of microns per pixel, got " + mpp);
        }
        OptionalDouble scale = mpp == null ? OptionalDouble.empty() : OptionalDouble.of(mpp);
        Path checkpoint = model.resolveCheckpoint();
        TileFolder tiles = TileFolder.scan(folder, groups);
        PrintWriter stdout = spec.commandLine().getOut();
        ProgressLine progress = ProgressLine.forStderr(spec.commandLine().getErr());
        AtomicInteger skipped = new AtomicInteger();
        TileFolderEvaluation.Embedded embedded;
        try (TileEncoder encoder = Encoders.open(checkpoint, model.encoderOptions())) {
            embedded = TileFolderEvaluation.embed(tiles, encoder, scale, problem -> {
                skipped.incrementAndGet();
                progress.message("skipped: " + problem);
            }, progress);
        }
        Evaluation evaluation = TileFolderEvaluation.evaluate(embedded, kValues);
        long classes = embedded.tiles().stream().map(TileFolder.Tile::label).distinct().count();
        stdout.println("tiles: " + embedded.tiles().size());
        if (skipped.get() > 0) stdout.println("skipped: " + skipped.get());
        stdout.println("classes: " + classes);
        if (groups.isPresent()) {
            stdout.println("groups: " + embedded.tiles().stream().map(TileFolder.Tile::group).distinct().count());
        }
        Figures.lines(evaluation).forEach(stdout::println);
        if (out != null) {
            for (Path file : ReportWriter.write(report(checkpoint, kValues, evaluation), out)) stdout.println("report: " + file);
        }
        stdout.flush();
        return 0;
    }

    private Optional<Pattern> groupPattern() {
        if (groupBy == null) return Optional.empty();
        try {
            return Optional.of(Pattern.compile(groupBy));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--group-by '" + groupBy + "' is not a regular expression ("
                    + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }

    private Report report(Path checkpoint, List<Integer> kValues, Evaluation evaluation) {
        List<Report.Parameter> parameters = new ArrayList<>();
        parameters.add(new Report.Parameter("tile folder", folder.toAbsolutePath().normalize().toString()));
        parameters.add(new Report.Parameter("checkpoint", checkpoint.toAbsolutePath().normalize().toString()));
        parameters.add(new Report.Parameter("K", kValues.stream().map(String::valueOf).collect(Collectors.joining(","))));
        parameters.add(new Report.Parameter("leave out", groupBy == null ? "the query tile" : "tiles of the same group (--group-by " + groupBy + ")"));
        parameters.add(new Report.Parameter("tile fitting", mpp == null
                ? "resize (bicubic) to " + TileSpec.DEFAULT.pixels() + " px, centre crop"
                : "rescale from " + mpp + " to " + TileSpec.DEFAULT.micronsPerPixel() + " um/px (bicubic), centre crop"));
        parameters.add(new Report.Parameter("search", "exact cosine over all tiles"));
        parameters.add(new Report.Parameter("created", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        return new Report("Tile-folder k-NN evaluation: " + folder.getFileName(), parameters, evaluation);
    }
}
