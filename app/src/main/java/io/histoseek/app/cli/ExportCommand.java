package io.histoseek.app.cli;

import io.histoseek.app.export.GalleryExporter;
import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.export.SlideTileRenderer;
import io.histoseek.app.gui.viewer.SlideSources;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.index.ann.ArchiveIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code histoseek export}: searches like {@code search} and writes the result gallery into a
 * folder: index.html (self-contained), results.csv, the PNG pictures, and one GeoJSON of hit
 * tiles per slide for QuPath.
 */
@Command(name = "export", description = "Search the archive and export the result gallery (HTML, CSV, PNG, GeoJSON for QuPath).")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The archive folder.")
    Path archive;

    @Option(names = "--slide", required = true, paramLabel = "PATH", description = "The slide of the query.")
    Path slide;

    @Option(names = "--x", required = true, description = "Level-0 x of the query point (or of the rectangle's corner).")
    long x;

    @Option(names = "--y", required = true, description = "Level-0 y of the query point (or of the rectangle's corner).")
    long y;

    @Option(names = "--width", defaultValue = "0", description = "Rectangle width in level-0 pixels (0: search by the point).")
    long width;

    @Option(names = "--height", defaultValue = "0", description = "Rectangle height in level-0 pixels (0: search by the point).")
    long height;

    @Option(names = "-k", defaultValue = "10", description = "Number of hits (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--exclude-same-slide", description = "Leave out hits on the query's own slide.")
    boolean excludeSameSlide;

    @Option(names = "--max-per-slide", defaultValue = "0", description = "At most N hits per slide (0: no limit).")
    int maxPerSlide;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Where the archive's checkpoint is now, if it moved.")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "Folder to write the gallery into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        // Pictures are drawn off screen: never ask for an X display from the command line.
        System.setProperty("java.awt.headless", "true");
        if (!Files.isDirectory(archive)) {
            throw new IllegalArgumentException(archive + ": no such archive folder");
        }
        if (!Files.isRegularFile(slide)) {
            throw new IllegalArgumentException(slide + ": no such slide file");
        }
        if (k < 1) {
            throw new IllegalArgumentException("-k must be at least 1, got " + k);
        }
        if ((width > 0) != (height > 0) || width < 0 || height < 0) {
            throw new IllegalArgumentException("--width and --height must both be positive for a rectangle, or both left out");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": exists and is not a folder");
        }
        try (ArchiveStore store = ArchiveStore.open(archive);
             SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(store, Optional.ofNullable(checkpoint));
             ArchiveSearcher searcher = new ArchiveSearcher(store, ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE), embedder);
             SlideSources slides = new SlideSources(16)) {
            ResultGallery gallery = new GallerySearch(searcher).search(slide, x, y, width, height,
                    new SearchOptions(k, excludeSameSlide, maxPerSlide, 0));
            List<Path> files = new GalleryExporter(new SlideTileRenderer(slides)).export(gallery, out);
            spec.commandLine().getOut().printf("wrote %d files (%d hits) to %s%n", files.size(), gallery.hits().size(), out);
        }
        return 0;
    }
}
