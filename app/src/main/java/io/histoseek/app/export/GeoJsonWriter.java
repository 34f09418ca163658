package io.histoseek.app.export;

import io.histoseek.index.TextEscapes;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One GeoJSON FeatureCollection per slide with hits: each hit a tile polygon in level-0 pixels,
 * shaped as QuPath exports annotations (objectType, name, classification) so File &gt; Import
 * objects brings them in as annotations, with score and rank kept as properties.
 */
public final class GeoJsonWriter implements GalleryWriter {
    static final String CLASSIFICATION = "Histoseek hit";

    @Override
    public List<Path> write(RenderedGallery gallery, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        for (Map.Entry<Path, List<GalleryTile>> slide : gallery.result().hitsBySlide().entrySet()) {
            String name = Text.uniqueFileName(Text.fileStem(slide.getValue().getFirst().slideName()), ".geojson", usedNames);
            Path file = folder.resolve(name);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(featureCollection(slide.getValue()));
            }
            files.add(file);
        }
        return files;
    }

    static String featureCollection(List<GalleryTile> hits) {
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < hits.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append(feature(hits.get(i)));
        }
        return json.append("\n]}\n").toString();
    }

    private static String feature(GalleryTile hit) {
        long x0 = hit.x();
        long y0 = hit.y();
        long x1 = hit.x() + hit.width();
        long y1 = hit.y() + hit.height();
        String ring = "[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],[" + x0 + "," + y1 + "],[" + x0 + "," + y0 + "]]";
        String name = "Hit " + hit.rank() + " (" + Text.number(hit.score()) + ")";
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]},"
                + "\"properties\":{\"objectType\":\"annotation\",\"name\":" + TextEscapes.json(name)
                + ",\"classification\":{\"name\":" + TextEscapes.json(CLASSIFICATION) + ",\"color\":[41,209,58]}"
                + ",\"score\":" + Text.number(hit.score()) + ",\"rank\":" + hit.rank()
                + ",\"slide\":" + TextEscapes.json(hit.slide().toString()) + "}}";
    }
}
