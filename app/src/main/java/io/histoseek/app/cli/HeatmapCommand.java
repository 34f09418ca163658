package io.histoseek.app.cli;

import io.histoseek.app.export.HeatMapGeoJson;
import io.histoseek.app.export.HeatMapPicture;
import io.histoseek.app.export.SlidePicture;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatTile;
import io.histoseek.index.heatmap.SlideHeatMaps;
import io.histoseek.index.search.Example;
import io.histoseek.index.search.RefinedScoring;
import io.histoseek.index.slide.SlideException;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code histoseek heatmap}: how similar every stored tile of a slide is to a query (the same
 * query as {@code search}: a point or rectangle, refined with --also and --not), written as
 * GeoJSON for QuPath (one tile object per stored tile, its similarity as a measurement) or as a
 * PNG of the slide's thumbnail with the tiles coloured and a legend.
 */
@Command(name = "heatmap", description = "Score every stored tile of a slide against a query: GeoJSON for QuPath (.geojson) or a picture (.png).")
public final class HeatmapCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Mixin
    QueryOptions query;

    @Option(names = "--on", paramLabel = "SLIDE", description = "The slide to score (default: the query's slide); as --slide accepts it.")
    Path on;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.geojson (QuPath objects) or FILE.png (picture with a legend).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Pictures are drawn off screen: never ask for an X display from the command line.
        System.setProperty("java.awt.headless", "true");
        query.region.validate();
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = name.endsWith(".png");
        if (!png && !name.endsWith(".geojson")) {
            throw new IllegalArgumentException(out + ": a heat map is written as FILE.geojson or FILE.png");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        try (Archive store = archive.open();
             OnDemandEmbedder embedder = query.region.embedder(store)) {
            SlidePaths paths = new SlidePaths(store);
            List<Example> examples = query.examples(paths);
            Path slide = on == null ? examples.getFirst().slide() : paths.query(on);
            SlideRecord record = store.slide(store.storedPath(slide))
                    .filter(r -> r.status() == SlideStatus.INDEXED || r.status() == SlideStatus.MISSING)
                    .orElseThrow(() -> new IllegalArgumentException(slide + ": not an indexed slide of archive "
                            + store.address() + " (index it first)"));
            RefinedScoring scoring = QueryOptions.searcher(store, embedder).scoring(examples);
            HeatMap map = SlideHeatMaps.of(store, record.id(), scoring);
            if (map.isEmpty()) {
                throw new IllegalArgumentException(slide + ": no stored tiles to score");
            }
            if (png) {
                writePicture(slide, map);
            } else {
                try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    HeatMapGeoJson.write(map, writer);
                }
            }
            HeatTile hottest = map.hottest();
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "heat map of %d tiles of %s: similarity %.4f to %.4f, hottest tile at x %d, y %d; wrote %s%n",
                    map.tiles().size(), paths.shown(record.path()), map.min(), map.max(), hottest.x(), hottest.y(), out);
        }
        return 0;
    }

    private void writePicture(Path slide, HeatMap map) throws IOException {
        try (OpenSlideImage image = OpenSlideImage.open(slide)) {
            SlidePicture thumbnail = new SlidePicture(image.thumbnail(HeatMapPicture.sideFor(image.width(), image.height())),
                    image.width(), image.height());
            ImageIO.write(HeatMapPicture.render(thumbnail, map), "png", out.toFile());
        } catch (SlideException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
