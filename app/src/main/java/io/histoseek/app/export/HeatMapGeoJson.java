package io.histoseek.app.export;

import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatTile;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * A heat map as GeoJSON for QuPath: a FeatureCollection with one Polygon per stored tile in
 * level-0 pixels, each a QuPath tile object ({@code objectType: "tile"}) whose
 * {@code measurements} hold its {@code similarity}, so QuPath's File &gt; Import objects shows
 * it as a measurement map can colour.
 */
public final class HeatMapGeoJson {
    public static final String MEASUREMENT = "similarity";

    private HeatMapGeoJson() {}

    public static void write(HeatMap map, Writer out) throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        for (HeatTile tile : map.tiles()) {
            out.write(first ? "\n" : ",\n");
            first = false;
            long x0 = tile.x();
            long y0 = tile.y();
            long x1 = x0 + tile.size();
            long y1 = y0 + tile.size();
            out.write("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[["
                    + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],[" + x0 + "," + y1 + "],["
                    + x0 + "," + y0 + "]]]},\"properties\":{\"objectType\":\"tile\",\"measurements\":{\""
                    + MEASUREMENT + "\":" + String.format(Locale.ROOT, "%.6f", tile.similarity()) + "}}}");
        }
        out.write("\n]}\n");
    }
}
