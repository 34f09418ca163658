package io.histoseek.app.cli;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.slide.SlideException;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.model.TileSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code histoseek slide-info SLIDE}: what OpenSlide sees in a slide and how it would be tiled. */
@Command(name = "slide-info",
        description = "Print a slide's format, pyramid, physical scale and tissue tile count as key: value lines.")
public final class SlideInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SLIDE", description = "Whole-slide image file (.svs, .tif, .mrxs, .vms, ...).")
    Path slideFile;

    @Option(names = {"--assume-mpp", "--mpp"}, paramLabel = "UM_PER_PX",
            description = "Micrometres per level-0 pixel, overriding (or standing in for) the file's own.")
    Double assumeMpp;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws SlideException {
        if (assumeMpp != null && !(assumeMpp > 0 && Double.isFinite(assumeMpp))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--assume-mpp must be a positive number of micrometres per pixel, got " + assumeMpp);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (OpenSlideImage slide = OpenSlideImage.open(slideFile)) {
            PhysicalScale scale = PhysicalScale.of(slide, assumeMpp);
            List<String> lines = new ArrayList<>();
            lines.add("file: " + slide.file());
            lines.add("vendor: " + slide.vendor());
            lines.add("levels: " + slide.levelCount());
            lines.add("width: " + slide.width());
            lines.add("height: " + slide.height());
            lines.add("level_sizes: " + levelSizes(slide));
            lines.add("downsamples: " + downsamples(slide));
            lines.add("mpp: " + scale.describe());
            lines.add("mpp_source: " + scale.source().label());
            lines.add("objective: " + slide.property("openslide.objective-power").orElse("unknown"));
            lines.addAll(tiling(slide, scale));
            lines.add("associated: " + (slide.associatedImageNames().isEmpty()
                    ? "none" : String.join(", ", slide.associatedImageNames())));
            lines.add("quickhash: " + slide.quickHash().orElse("unknown"));
            lines.forEach(out::println);
            out.flush();
        }
        return 0;
    }

    /** tile_size, grid and tissue_tiles; n/a with the reason when the slide cannot be tiled. */
    private static List<String> tiling(SlideImage slide, PhysicalScale scale) throws SlideException {
        if (!scale.known()) {
            return List.of("tile_size: n/a", "grid: n/a", "tissue_tiles: n/a",
                    "tiling: unknown physical scale (no mpp, no objective power); give --mpp");
        }
        if (TileGrid.tooCoarse(scale)) {
            return List.of("tile_size: n/a", "grid: n/a", "tissue_tiles: n/a",
                    "tiling: refused, " + scale.describe() + " um/px is coarser than " + TileSpec.DEFAULT.micronsPerPixel() + " um/px");
        }
        TileGrid grid = TileGrid.plan(slide, scale);
        return List.of(
                "tile_size: " + grid.tileSize(),
                "grid: " + grid.columns() + "x" + grid.rows(),
                "tissue_tiles: " + grid.tiles().size(),
                String.format(Locale.ROOT, "tiling: %s, kept at tissue fraction >= %.2f",
                        TileSpec.DEFAULT, TileGrid.DEFAULT_MIN_TISSUE));
    }

    private static String levelSizes(SlideImage slide) {
        List<String> sizes = new ArrayList<>();
        for (int level = 0; level < slide.levelCount(); level++) {
            sizes.add(slide.levelWidth(level) + "x" + slide.levelHeight(level));
        }
        return String.join(", ", sizes);
    }

    private static String downsamples(SlideImage slide) {
        List<String> values = new ArrayList<>();
        for (int level = 0; level < slide.levelCount(); level++) {
            values.add(String.format(Locale.ROOT, "%.4f", slide.levelDownsample(level))
                    .replaceAll("0+$", "").replaceAll("\\.$", ""));
        }
        return String.join(", ", values);
    }
}
