package io.histoseek.app.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One of the files of an exported gallery (page, table, annotations, images). */
public interface GalleryWriter {
    /**
     * Writes into {@code folder}; {@code query} and {@code hits} hold the rendered tiles in gallery order.
     * Returns the files written.
     */
    List<Path> write(ResultGallery gallery, RenderedTile query, List<RenderedTile> hits, Path folder) throws IOException;
}
