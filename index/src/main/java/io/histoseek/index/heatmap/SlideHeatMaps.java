package io.histoseek.index.heatmap;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.search.RefinedScoring;
import io.histoseek.index.search.SearchException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heat maps of slides an archive holds: every stored tile of the slide scored against the query,
 * its vectors read in the slide's tile order ({@code VectorEngine.forEachVectorOfSlide}), one dot
 * product per tile and positive example; no k-NN.
 */
public final class SlideHeatMaps {
    private SlideHeatMaps() {}

    public static HeatMap of(Archive archive, long slideId, RefinedScoring query) {
        SlideRecord slide = archive.slide(slideId).orElseThrow(() ->
                new SearchException(archive.address() + ": no slide " + slideId + " (removed meanwhile?)"));
        long width = slide.metadata().width() > 0 ? slide.metadata().width() : Long.MAX_VALUE / 4;
        long height = slide.metadata().height() > 0 ? slide.metadata().height() : Long.MAX_VALUE / 4;
        Map<Long, TileRecord> tiles = new HashMap<>();
        for (TileRecord tile : archive.tilesIntersecting(slideId, 0, 0, width, height)) {
            tiles.put(tile.id(), tile);
        }
        List<HeatTile> scored = new ArrayList<>(tiles.size());
        archive.vectors().forEachVectorOfSlide(slideId, (tileId, vector) -> {
            TileRecord tile = tiles.get(tileId);
            if (tile != null) { // a tile the metadata no longer (or not yet) holds: a write in progress elsewhere
                scored.add(new HeatTile(tile.x(), tile.y(), tile.size(), query.score(vector)));
            }
        });
        return HeatMap.of(scored);
    }
}
