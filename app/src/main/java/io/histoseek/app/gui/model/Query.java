package io.histoseek.app.gui.model;

import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.index.search.Example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the user asked to find: tissue like the positive examples and unlike the negative ones,
 * each a point or rectangle (level-0 pixels) of a slide. A click asks a query of one positive;
 * "more like this", "not like this" and a modifier-click add examples. The first positive is the
 * query's slide and region (outlined, the gallery's query tile).
 */
public record Query(List<Example> examples) {
    public Query {
        examples = List.copyOf(examples);
        if (examples.stream().noneMatch(Example::positive)) {
            throw new IllegalArgumentException("a query needs a positive example");
        }
    }

    /** One positive: tissue like {@code region} of {@code slide}. */
    public static Query of(Path slide, ImageRegion region) {
        return new Query(List.of(example(slide, region, true)));
    }

    public static Example example(Path slide, ImageRegion region, boolean positive) {
        return new Example(slide, region.x(), region.y(), region.width(), region.height(), positive);
    }

    public static ImageRegion region(Example example) {
        return new ImageRegion(example.x(), example.y(), example.width(), example.height());
    }

    /** The first positive example. */
    public Example first() {
        return examples.stream().filter(Example::positive).findFirst().orElseThrow();
    }

    public Path slide() {
        return first().slide();
    }

    public ImageRegion region() {
        return region(first());
    }

    /** More than one example: searched by the refine rule rather than as a plain point or rectangle. */
    public boolean refined() {
        return examples.size() > 1;
    }

    /** With {@code example} added last; the same place given before (with either polarity) is replaced. */
    public Query with(Example example) {
        List<Example> changed = new ArrayList<>(examples);
        changed.removeIf(e -> samePlace(e, example));
        changed.add(example);
        return changed.stream().anyMatch(Example::positive) ? new Query(changed) : this;
    }

    /** Without {@code example}; empty when no positive would be left. */
    public Optional<Query> without(Example example) {
        List<Example> changed = new ArrayList<>(examples);
        changed.remove(example);
        return changed.stream().anyMatch(Example::positive) ? Optional.of(new Query(changed)) : Optional.empty();
    }

    private static boolean samePlace(Example a, Example b) {
        return a.slide().equals(b.slide()) && a.x() == b.x() && a.y() == b.y() && a.width() == b.width() && a.height() == b.height();
    }
}
