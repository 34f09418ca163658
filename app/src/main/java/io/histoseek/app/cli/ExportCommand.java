package io.histoseek.app.cli;

import io.histoseek.app.export.GalleryExporter;
import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.export.SlideTileRenderer;
import io.histoseek.app.gui.viewer.SlideSources;
import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.store.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code histoseek export}: searches like {@code search} (same options) and writes the result
 * gallery into a folder: index.html (self-contained), results.csv, the PNG pictures, and one
 * GeoJSON of hit tiles per slide for QuPath.
 */
@Command(name = "export", description = "Search the archive and export the result gallery (HTML, CSV, PNG, GeoJSON for QuPath).")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Option(names = "--slide", required = true, paramLabel = "PATH",
            description = "The query slide: a file, or a slide of the archive as `search` prints it.")
    Path slide;

    @Option(names = "--x", required = true, description = "Level-0 x of the point (or of the rectangle's corner).")
    long x;

    @Option(names = "--y", required = true, description = "Level-0 y of the point (or of the rectangle's corner).")
    long y;

    @Option(names = "--width", description = "Rectangle width in level-0 pixels (with --height).")
    Long width;

    @Option(names = "--height", description = "Rectangle height in level-0 pixels (with --width).")
    Long height;

    @Option(names = "-k", defaultValue = "10", description = "Number of hits (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--exclude-same-slide", description = "Leave out hits on the query's own slide.")
    boolean excludeSameSlide;

    @Option(names = "--max-per-slide", defaultValue = "0", paramLabel = "N", description = "At most N hits per slide (0: no limit).")
    int maxPerSlide;

    @Option(names = "--ef", defaultValue = "0", description = "HNSW search list size (0: the index default).")
    int ef;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "The archive's checkpoint, when it moved since indexing (for slides not in the archive).")
    Path checkpoint;

    @Option(names = "--assume-mpp", paramLabel = "X",
            description = "Microns per pixel of a query slide that is not in the archive and records none.")
    Double assumeMpp;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "Folder to write the gallery into (created if needed).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Pictures are drawn off screen: never ask for an X display from the command line.
        System.setProperty("java.awt.headless", "true");
        if ((width == null) != (height == null)) {
            throw new ParameterException(spec.commandLine(), "give both --width and --height, or neither");
        }
        if (width != null && (width <= 0 || height <= 0)) {
            throw new ParameterException(spec.commandLine(), "--width and --height must be positive");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": exists and is not a folder");
        }
        SearchOptions options = new SearchOptions(k, excludeSameSlide, maxPerSlide, ef);
        try (ArchiveStore store = archive.open();
             SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(store, Optional.ofNullable(checkpoint), assumeMpp);
             SlideSources slides = new SlideSources(16)) {
            Path query = new SlidePaths(store).query(slide);
            ArchiveSearcher searcher = new ArchiveSearcher(store, ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE), embedder);
            ResultGallery gallery = new GallerySearch(searcher).search(query, x, y,
                    width == null ? 0 : width, height == null ? 0 : height, options);
            List<Path> files = new GalleryExporter(new SlideTileRenderer(slides)).export(gallery, out);
            spec.commandLine().getOut().printf("wrote %d files (%d hits) to %s%n", files.size(), gallery.hits().size(), out);
        }
        return 0;
    }
}
