package io.histoseek.app.cli;

import io.histoseek.index.Limits;
import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.store.ArchiveStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The query of {@code search} and {@code export}: a point or rectangle of a slide, the search
 * options, and what a slide outside the archive needs to be embedded on the fly.
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

    @Option(names = "-k", defaultValue = "10", description = "Number of results (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--exclude-same-slide", description = "Leave out tiles of the query's own slide.")
    boolean excludeSameSlide;

    @Option(names = "--max-per-slide", defaultValue = "0", paramLabel = "N", description = "At most N results per slide (0: no limit).")
    int maxPerSlide;

    @Option(names = "--ef", defaultValue = "0", description = "HNSW search list size (0: the index default).")
    int ef;

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

    SearchOptions searchOptions() {
        return new SearchOptions(k, excludeSameSlide, maxPerSlide, ef);
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
     * The embedder for slides or points the archive lacks; the caller closes it. A region it
     * embeds from a sample gets one note on stderr.
     */
    SlideQueryEmbedder embedder(ArchiveStore store) {
        SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(store, Optional.ofNullable(checkpoint), assumeMpp);
        PrintWriter err = spec.commandLine().getErr();
        embedder.onSampled(region -> {
            err.printf(Locale.ROOT, "note: the rectangle holds %,d tissue tiles; the query is the mean of %d of them,"
                    + " sampled evenly (queries on slides outside the archive embed at most %d)%n",
                    region.tilesInRegion(), region.tilesEmbedded(), Limits.QUERY_TILES);
            err.flush();
        });
        return embedder;
    }

    /** Opens the archive's index (extending or rebuilding it when needed) behind a searcher. */
    static ArchiveSearcher searcher(ArchiveStore store, SlideQueryEmbedder embedder) {
        return new ArchiveSearcher(store, ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE), embedder);
    }
}
