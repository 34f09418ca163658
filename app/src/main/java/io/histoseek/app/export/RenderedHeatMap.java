package io.histoseek.app.export;

import java.nio.file.Path;

/** A hit slide's heat map as PNG bytes, and its file name in the export. */
public record RenderedHeatMap(Path slide, String fileName, byte[] png) {
}
