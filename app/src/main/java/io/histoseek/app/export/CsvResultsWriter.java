package io.histoseek.app.export;

import io.histoseek.index.TextEscapes;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** results.csv: a header, then one row per hit (rank, score, slide path, x, y, width, height, mpp). */
public final class CsvResultsWriter implements GalleryWriter {
    public static final String FILE_NAME = "results.csv";
    public static final String HEADER = "rank,score,slide,x,y,width,height,mpp";

    @Override
    public List<Path> write(RenderedGallery gallery, Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (GalleryTile hit : gallery.result().hits()) {
                out.write(hit.rank() + "," + Text.number(hit.score()) + "," + TextEscapes.csv(hit.slide().toString()) + ","
                        + hit.x() + "," + hit.y() + "," + hit.width() + "," + hit.height() + "," + Text.mpp(hit) + "\n");
            }
        }
        return List.of(file);
    }
}
