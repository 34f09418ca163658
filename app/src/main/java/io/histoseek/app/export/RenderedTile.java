package io.histoseek.app.export;

/** A tile's picture as PNG bytes, its file name in the export, and how many um one of its pixels shows (0: unknown). */
public record RenderedTile(GalleryTile tile, String fileName, byte[] png, int pixelWidth, double micronsPerPixel,
                           boolean placeholder) {
}
