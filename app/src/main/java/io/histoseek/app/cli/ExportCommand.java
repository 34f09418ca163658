package io.histoseek.app.cli;

import io.histoseek.app.export.GalleryExporter;
import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.export.SlideTileRenderer;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.search.Example;
import io.histoseek.index.slide.SlideImagePool;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code histoseek export}: searches like {@code search} (same options) and writes the result
 * gallery into a folder: index.html (self-contained, with a histogram of the scores), results.csv,
 * the PNG pictures, one GeoJSON of hit tiles per slide for QuPath, and the query's heat map of each
 * hit slide (heatmap-SLIDE.png, linked from its hits).
 */
@Command(name = "export", description = "Search the archive and export the result gallery (HTML, CSV, PNG, GeoJSON for QuPath).")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Mixin
    QueryOptions query;

    @Mixin
    ResultOptions results;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "Folder to write the gallery into (created if needed).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Pictures are drawn off screen: never ask for an X display from the command line.
        System.setProperty("java.awt.headless", "true");
        query.region.validate();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": exists and is not a folder");
        }
        try (Archive store = archive.open();
             OnDemandEmbedder embedder = query.region.embedder(store);
             SlideImagePool slides = new SlideImagePool(OpenSlideImage::open, 16)) {
            List<Example> examples = query.examples(new SlidePaths(store));
            GallerySearch search = new GallerySearch(QueryOptions.searcher(store, embedder));
            ResultGallery gallery = search.search(examples, results.searchOptions());
            List<Path> files = new GalleryExporter(new SlideTileRenderer(slides), search.heatMaps(examples)).export(gallery, out);
            spec.commandLine().getOut().printf("wrote %d files (%d hits) to %s%n", files.size(), gallery.hits().size(), out);
        }
        return 0;
    }
}
