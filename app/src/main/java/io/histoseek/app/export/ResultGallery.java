package io.histoseek.app.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a search found: the queried tile and its hits, best first. */
public record ResultGallery(GalleryTile query, List<GalleryTile> hits) {
    public ResultGallery {
        hits = List.copyOf(hits);
    }

    /** The hits of each slide, slides in the order of their best hit. */
    public Map<Path, List<GalleryTile>> hitsBySlide() {
        Map<Path, List<GalleryTile>> bySlide = new LinkedHashMap<>();
        for (GalleryTile hit : hits) {
            bySlide.computeIfAbsent(hit.slide(), slide -> new ArrayList<>()).add(hit);
        }
        return bySlide;
    }
}
