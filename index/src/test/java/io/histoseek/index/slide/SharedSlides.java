package io.histoseek.index.slide;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared and its data/slides (system property histoseek.shared, set by surefire). Fails loudly. */
public final class SharedSlides {
    private SharedSlides() {}

    /** The shared test data folder (slides, fixtures). */
    public static Path shared() {
        String configured = System.getProperty("histoseek.shared");
        // Without the property: ../shared from the repository root, or from the module's parent.
        Path shared = configured != null ? Path.of(configured)
                : Files.isDirectory(Path.of("..", "shared")) ? Path.of("..", "shared") : Path.of("..", "..", "shared");
        shared = shared.toAbsolutePath().normalize();
        if (!Files.isDirectory(shared.resolve("data/slides"))) {
            throw new IllegalStateException("test slides missing: " + shared.resolve("data/slides") + " (set -Dhistoseek.shared)");
        }
        return shared;
    }

    public static Path dir() {
        return shared().resolve("data/slides");
    }

    public static Path get(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("test slide missing: " + file);
        }
        return file;
    }

    public static final String CMU = "CMU-1-Small-Region.svs";
    public static final String TCGA = "tcga-cr-7395-01a-01-ts1.svs";
    public static final String TIFF_05 = "constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif";
    public static final String TIFF_025 = "constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif";
    public static final String VMS = "constructed/CMU-1-Small-Region-vms/CMU-1-Small-Region-vms.vms";
    public static final String MIRAX = "constructed/CMU-1-Small-Region-mirax.mrxs";
    public static final String BOXES = "synthetic/boxes.tiff";
    public static final String SMALL = "synthetic/small.svs";
    public static final String UNOPENABLE = "invalid/unopenable.tiff";
    public static final String UNREADABLE = "invalid/unreadable.svs";
    /** The CMU slide with its MPP field deleted: only AppMag 20 is left (kept outside data/slides). */
    public static final String APPMAG_ONLY = "../slides-no-mpp/CMU-1-Small-Region_appmag20-no-mpp.svs";
}
