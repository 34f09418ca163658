package io.histoseek.app.export;

import java.nio.file.Path;
import java.util.OptionalDouble;

/** A tile of a result gallery in level-0 pixels of its slide: the query (rank 0) or a hit. */
public record GalleryTile(int rank, double score, Path slide, long x, long y, long width, long height, OptionalDouble mpp) {
    public static GalleryTile query(Path slide, long x, long y, long width, long height, OptionalDouble mpp) {
        return new GalleryTile(0, 1.0, slide, x, y, width, height, mpp);
    }

    public String slideName() {
        Path name = slide.getFileName();
        return name == null ? slide.toString() : name.toString();
    }
}
