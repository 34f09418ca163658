package io.histoseek.app.cli;

import io.histoseek.index.Limits;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.Example;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The query of {@code search}, {@code export} and {@code heatmap}: a point or rectangle of a slide,
 * more examples like it ({@code --also}) or unlike it ({@code --not}), and what a slide outside
 * the archive needs to be embedded on the fly. How many hits and from where: {@link ResultOptions}.
 */
final class QueryOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--slide", required = true, paramLabel = "PATH",
            description = "The query slide: as printed by `tiles`/`search`, relative to the working folder, or to the archive root.")
    Path slide;

    @Option(names = "--x", required = true, description = "Level-0 x of the point (or of the rectangle's corner).")
    long x;

    @Option(names = "--y", required = true, description = "Level-0 y of the point (or of the rectangle's corner).")
    long y;

    @Option(names = "--width", description = "Rectangle width in level-0 pixels (with --height).")
    Long width;

    @Option(names = "--height", description = "Rectangle height in level-0 pixels (with --width).")
    Long height;

    @Option(names = "--also", paramLabel = "SLIDE:X,Y[,W,H]",
            description = "Another example to find tissue like (repeatable): a point (a result tile: its slide and x,y as search prints them) or a rectangle.")
    List<String> also = new ArrayList<>();

    @Option(names = "--not", paramLabel = "SLIDE:X,Y[,W,H]",
            description = "An example to steer away from (repeatable), e.g. a result that is not what you look for.")
    List<String> not = new ArrayList<>();

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "The archive's checkpoint, when it moved since indexing (for slides not in the archive).")
    Path checkpoint;

    @Option(names = {"--assume-mpp", "--mpp"}, paramLabel = "X",
            description = "Microns per pixel of a query slide that is not in the archive (for one that records neither an mpp nor an objective power).")
    Double assumeMpp;

    /** Refuses a half-given or empty rectangle before anything is opened. */
    void validate() {
        if ((width == null) != (height == null)) {
            throw new ParameterException(spec.commandLine(), "give both --width and --height, or neither");
        }
        if (width != null && (width <= 0 || height <= 0)) {
            throw new ParameterException(spec.commandLine(), "--width and --height must be positive");
        }
    }

    /**
     * The query's examples: the {@code --slide} point or rectangle first, then {@code --also}, then
     * {@code --not}, their slides resolved as {@code --slide} is. A bad value fails in one line
     * naming its option.
     */
    List<Example> examples(SlidePaths paths) {
        List<ExampleArgument> alsoParsed = also.stream().map(text -> ExampleArgument.parse("--also", text)).toList();
        List<ExampleArgument> notParsed = not.stream().map(text -> ExampleArgument.parse("--not", text)).toList();
        List<Example> examples = new ArrayList<>();
        examples.add(new Example(paths.query(slide), x, y, width == null ? 0 : width, height == null ? 0 : height, true));
        for (int i = 0; i < alsoParsed.size(); i++) {
            examples.add(example(paths, "--also", also.get(i), alsoParsed.get(i), true));
        }
        for (int i = 0; i < notParsed.size(); i++) {
            examples.add(example(paths, "--not", not.get(i), notParsed.get(i), false));
        }
        return examples;
    }

    private static Example example(SlidePaths paths, String option, String text, ExampleArgument argument, boolean positive) {
        Path file;
        try {
            file = paths.query(Path.of(argument.slide()));
        } catch (IllegalArgumentException e) { // an unknown slide, or a path this system cannot name
            throw new IllegalArgumentException(option + " '" + text + "': " + e.getMessage());
        }
        return new Example(file, argument.x(), argument.y(), argument.width(), argument.height(), positive);
    }

    /**
     * The embedder for slides or points the archive lacks, opened when first needed; the caller
     * closes it. A region it embeds from a sample gets one note on stderr.
     */
    OnDemandEmbedder embedder(Archive store) {
        PrintWriter err = spec.commandLine().getErr();
        return new OnDemandEmbedder(store, Optional.ofNullable(checkpoint), assumeMpp, region -> {
            err.printf(Locale.ROOT, "note: the rectangle holds %,d tissue tiles; the query is the mean of %d of them,"
                    + " sampled evenly (queries on slides outside the archive embed at most %d)%n",
                    region.tilesInRegion(), region.tilesEmbedded(), Limits.QUERY_TILES);
            err.flush();
        });
    }

    /** A searcher over the archive (the caller closes the archive). */
    static ArchiveSearcher searcher(Archive archive, OnDemandEmbedder embedder) {
        return new ArchiveSearcher(archive, embedder);
    }
}
