package io.histoseek.app.gui.wizard;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.pipeline.SlideFileScanner;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.slide.SlideException;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TissueDetector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Looks at the slides under the chosen folders before indexing: opens each one, reads its scale
 * and runs the same tissue detection and tile grid as indexing, so the tile estimate is what the
 * run will embed. A slide that cannot be read is listed with the reason it would fail.
 */
public final class FolderScan {
    private final double tissueThreshold;
    private final Double assumeMpp;

    public FolderScan(double tissueThreshold, Double assumeMpp) {
        this.tissueThreshold = tissueThreshold;
        this.assumeMpp = assumeMpp;
    }

    /** The slides as the run will find them (not those inside the archive's own folder); {@code progress} gets (slides looked at, slides found). */
    public FolderPreview scan(List<Path> folders, ArchiveAddress archive, BiConsumer<Integer, Integer> progress) {
        List<Path> files = SlideFileScanner.outside(archive).scan(folders);
        List<SlidePreview> slides = new ArrayList<>();
        for (Path file : files) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            slides.add(preview(file));
            progress.accept(slides.size(), files.size());
        }
        return new FolderPreview(slides);
    }

    SlidePreview preview(Path file) {
        long bytes = bytesWithCompanions(file);
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            PhysicalScale scale = PhysicalScale.of(slide, assumeMpp);
            String mpp = scale.describeWithSource();
            if (!scale.known()) {
                return new SlidePreview(file, slide.vendor(), bytes, mpp, 0,
                        "no mpp or objective power in the file: set Assume mpp in the options, or it fails");
            }
            try {
                TileGrid grid = TileGrid.plan(slide, scale, TissueDetector.detect(slide, TileGrid.maskScale(scale)),
                        tissueThreshold, false);
                return new SlidePreview(file, slide.vendor(), bytes, mpp, grid.tiles().size(), "");
            } catch (SlideException e) {
                return new SlidePreview(file, slide.vendor(), bytes, mpp, 0, reason(e));
            }
        } catch (SlideException | RuntimeException e) {
            return new SlidePreview(file, extension(file), bytes, "unknown", 0, reason(e));
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int separator = message.indexOf(": ");
        return separator > 0 && message.startsWith("/") ? message.substring(separator + 2) : message;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "?" : name.substring(dot + 1).toLowerCase(Locale.ROOT) + " (unreadable)";
    }

    /** MIRAX keeps its pixels in a sibling folder of the same name: count it too. */
    private static long bytesWithCompanions(Path file) {
        try {
            long bytes = Files.size(file);
            String name = file.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".mrxs")) {
                Path companion = file.resolveSibling(name.substring(0, name.length() - 5));
                if (Files.isDirectory(companion)) {
                    try (Stream<Path> files = Files.list(companion)) {
                        bytes += files.filter(Files::isRegularFile).mapToLong(FolderScan::size).sum();
                    }
                }
            }
            return bytes;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
