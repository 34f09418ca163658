package io.histoseek.app.cli;

import io.histoseek.index.Limits;
import io.histoseek.index.archive.Archive;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a query is: a point or rectangle of a slide, and what a slide outside the archive needs to
 * be embedded on the fly. Shared by {@code search}, {@code export} and {@code classify}.
 */
final class QueryRegion {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--slide", paramLabel = "PATH",
            description = "The query slide: as printed by `tiles`/`search`, relative to the working folder, or to the archive root.")
    Path slide;

    @Option(names = "--x", description = "Level-0 x of the point (or of the rectangle's corner).")
    Long x;

    @Option(names = "--y", description = "Level-0 y of the point (or of the rectangle's corner).")
    Long y;

    @Option(names = "--width", description = "Rectangle width in level-0 pixels (with --height).")
    Long width;

    @Option(names = "--height", description = "Rectangle height in level-0 pixels (with --width).")
    Long height;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "The archive's checkpoint, when it moved since indexing (for slides not in the archive).")
    Path checkpoint;

    @Option(names = {"--assume-mpp", "--mpp"}, paramLabel = "X",
            description = "Microns per pixel of a query slide that is not in the archive (for one that records neither an mpp nor an objective power).")
    Double assumeMpp;

    /** Refuses a missing slide or point, a half-given or empty rectangle before anything is opened. */
    void validate() {
        if (slide == null || x == null || y == null) {
            throw new ParameterException(spec.commandLine(), "give the query as --slide PATH --x X --y Y");
        }
        if ((width == null) != (height == null)) {
            throw new ParameterException(spec.commandLine(), "give both --width and --height, or neither");
        }
        if (width != null && (width <= 0 || height <= 0)) {
            throw new ParameterException(spec.commandLine(), "--width and --height must be positive");
        }
    }

    /** 0 for a point query. */
    long widthOrZero() {
        return width == null ? 0 : width;
    }

    long heightOrZero() {
        return height == null ? 0 : height;
    }

    boolean isRectangle() {
        return width != null;
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
}
