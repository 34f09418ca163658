package io.histoseek.app.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The query and hit pictures and the hit slides' heat maps as PNG files, under the names the page and the table refer to. */
public final class PngTileWriter implements GalleryWriter {
    @Override
    public List<Path> write(RenderedGallery gallery, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        List<RenderedTile> all = new ArrayList<>();
        all.add(gallery.query());
        all.addAll(gallery.hits());
        for (RenderedTile tile : all) {
            files.add(write(folder.resolve(tile.fileName()), tile.png()));
        }
        for (RenderedHeatMap heatMap : gallery.heatMaps()) {
            files.add(write(folder.resolve(heatMap.fileName()), heatMap.png()));
        }
        return files;
    }

    private static Path write(Path file, byte[] png) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, png);
    }
}
