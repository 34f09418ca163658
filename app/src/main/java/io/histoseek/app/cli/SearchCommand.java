package io.histoseek.app.cli;

import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.store.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Finds the tiles most like a point (the tile containing it) or a rectangle (the mean of its
 * tiles) of a slide. A slide or point the archive lacks is embedded on the fly with the
 * archive's checkpoint. Rows are {@code rank<TAB>score<TAB>slide<TAB>x<TAB>y}, best first; slides
 * print as absolute paths (see {@link SlidePaths}).
 */
@Command(name = "search", description = "Find the tiles most similar to a point or rectangle of a slide.")
public final class SearchCommand implements Callable<Integer> {
    enum Format { tsv, json }

    @Mixin
    ArchiveOption archive;

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

    @Option(names = "--format", defaultValue = "tsv", description = "tsv or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "The archive's checkpoint, when it moved since indexing (for slides not in the archive).")
    Path checkpoint;

    @Option(names = "--assume-mpp", paramLabel = "X",
            description = "Microns per pixel of a query slide that is not in the archive and records none.")
    Double assumeMpp;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((width == null) != (height == null)) {
            throw new ParameterException(spec.commandLine(), "give both --width and --height, or neither");
        }
        SearchOptions options = new SearchOptions(k, excludeSameSlide, maxPerSlide, ef);
        try (ArchiveStore store = archive.open();
             SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(store, Optional.ofNullable(checkpoint), assumeMpp)) {
            SlidePaths paths = new SlidePaths(store);
            Path query = paths.query(slide);
            ArchiveSearcher searcher = new ArchiveSearcher(store,
                    ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE), embedder);
            List<SearchHit> hits = width == null
                    ? searcher.searchPoint(query, x, y, options)
                    : searcher.searchRectangle(query, x, y, width, height, options);
            print(hits, paths, spec.commandLine().getOut());
        }
        return 0;
    }

    private void print(List<SearchHit> hits, SlidePaths paths, PrintWriter out) {
        if (format == Format.tsv) {
            for (SearchHit hit : hits) {
                out.printf(Locale.ROOT, "%d\t%.6f\t%s\t%d\t%d%n", hit.rank(), hit.score(),
                        paths.shown(hit.slide().path()), hit.x(), hit.y());
            }
        } else {
            out.println("[");
            for (int i = 0; i < hits.size(); i++) {
                SearchHit hit = hits.get(i);
                out.printf(Locale.ROOT, "  {\"rank\": %d, \"score\": %.6f, \"slide\": %s, \"x\": %d, \"y\": %d, \"size\": %d}%s%n",
                        hit.rank(), hit.score(), Json.string(paths.shown(hit.slide().path())), hit.x(), hit.y(),
                        hit.size(), i + 1 < hits.size() ? "," : "");
            }
            out.println("]");
        }
        out.flush();
    }
}
