package io.histoseek.index.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small slide folder in a temp dir: the Aperio slide, its 0.5 um/px TIFF copy and a broken slide. */
final class SmallFolder {
    static final String APERIO = "a/cmu.svs";
    static final String TIFF = "b/cmu-0.5mpp.tif";
    static final String BROKEN = "b/unreadable.svs";

    private SmallFolder() {}

    static Path create(Path dir) throws IOException {
        Path slides = SharedData.slides();
        copy(slides.resolve("CMU-1-Small-Region.svs"), dir.resolve(APERIO));
        copy(slides.resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif"), dir.resolve(TIFF));
        copy(slides.resolve("invalid/unreadable.svs"), dir.resolve(BROKEN));
        return dir.toRealPath();
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
