package io.histoseek.app.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One of the files of an exported gallery (page, table, annotations, images). */
public interface GalleryWriter {
    /** Writes into {@code folder}; returns the files written. */
    List<Path> write(RenderedGallery gallery, Path folder) throws IOException;
}
