package io.histoseek.index.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small slide folder in a temp dir: the Aperio slide and a broken slide, optionally the Aperio's 0.5 um/px TIFF copy. */
final class SmallFolder {
    static final String APERIO = "a/cmu.svs";
    static final String TIFF = "b/cmu-0.5mpp.tif";
    static final String BROKEN = "b/unreadable.svs";

    private SmallFolder() {}

    static Path create(Path dir) throws IOException {
        Path slides = SharedData.slides();
        copy(slides.resolve("CMU-1-Small-Region.svs"), dir.resolve(APERIO));
        copy(slides.resolve("invalid/unreadable.svs"), dir.resolve(BROKEN));
        return dir.toRealPath();
    }

    static Path createWithTiffCopy(Path dir) throws IOException {
        Path folder = create(dir);
        addTiffCopy(folder);
        return folder;
    }

    static void addTiffCopy(Path folder) throws IOException {
        copy(SharedData.slides().resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif"), folder.resolve(TIFF));
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
