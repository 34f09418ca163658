package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.Example;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of {@code search}, {@code export} and {@code heatmap}: a point or rectangle of a slide
 * ({@link QueryRegion}), more examples like it ({@code --also}) or unlike it ({@code --not}). How
 * many hits and from where: {@link ResultOptions}.
 */
final class QueryOptions {
    @Mixin
    QueryRegion region;

    @Option(names = "--also", paramLabel = "SLIDE:X,Y[,W,H]",
            description = "Another example to find tissue like (repeatable): a point (a result tile: its slide and x,y as search prints them) or a rectangle.")
    List<String> also = new ArrayList<>();

    @Option(names = "--not", paramLabel = "SLIDE:X,Y[,W,H]",
            description = "An example to steer away from (repeatable), e.g. a result that is not what you look for.")
    List<String> not = new ArrayList<>();

    /**
     * The query's examples: the {@code --slide} point or rectangle first, then {@code --also}, then
     * {@code --not}, their slides resolved as {@code --slide} is. A bad value fails in one line
     * naming its option.
     */
    List<Example> examples(SlidePaths paths) {
        List<ExampleArgument> alsoParsed = also.stream().map(text -> ExampleArgument.parse("--also", text)).toList();
        List<ExampleArgument> notParsed = not.stream().map(text -> ExampleArgument.parse("--not", text)).toList();
        List<Example> examples = new ArrayList<>();
        examples.add(new Example(paths.query(region.slide), region.x, region.y, region.widthOrZero(), region.heightOrZero(), true));
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

    /** A searcher over the archive (the caller closes the archive). */
    static ArchiveSearcher searcher(Archive archive, OnDemandEmbedder embedder) {
        return new ArchiveSearcher(archive, embedder);
    }
}
