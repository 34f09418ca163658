package io.histoseek.app.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the writers of an export get: the result, its tiles rendered, and a heat map of each hit slide that has one. */
public record RenderedGallery(ResultGallery result, RenderedTile query, List<RenderedTile> hits, List<RenderedHeatMap> heatMaps) {
    public RenderedGallery {
        hits = List.copyOf(hits);
        heatMaps = List.copyOf(heatMaps);
    }

    public Optional<RenderedHeatMap> heatMapOf(Path slide) {
        return heatMaps.stream().filter(h -> h.slide().equals(slide)).findFirst();
    }
}
