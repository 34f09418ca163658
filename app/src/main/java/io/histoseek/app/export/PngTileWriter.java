package io.histoseek.app.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The query and hit pictures as PNG files, under the names the page and the table refer to. */
public final class PngTileWriter implements GalleryWriter {
    @Override
    public List<Path> write(ResultGallery gallery, RenderedTile query, List<RenderedTile> hits, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        List<RenderedTile> all = new ArrayList<>();
        all.add(query);
        all.addAll(hits);
        for (RenderedTile tile : all) {
            Path file = folder.resolve(tile.fileName());
            Files.createDirectories(file.getParent());
            Files.write(file, tile.png());
            files.add(file);
        }
        return files;
    }
}
