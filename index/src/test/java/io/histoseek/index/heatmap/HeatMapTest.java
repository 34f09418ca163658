package io.histoseek.index.heatmap;

import io.histoseek.index.search.RefinedScoring;
import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TilePosition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatMapTest {
    @Test
    void scoresEveryTileAgainstTheQueryWithOneDotProductEach() {
        List<TilePosition> places = List.of(new TilePosition(0, 0, 224, 1), new TilePosition(224, 0, 224, 1),
                new TilePosition(0, 224, 224, 1));
        float[][] vectors = {{0.6f, 0.8f}, {1, 0}, {0, -1}};
        HeatMap map = HeatMap.score(places, vectors, new RefinedScoring(List.of(new float[] {0.6f, 0.8f}), List.of()));
        assertEquals(List.of(1.0f, 0.6f, -0.8f), map.tiles().stream().map(HeatTile::similarity).toList());
        assertEquals(new HeatTile(0, 0, 224, 1.0f), map.hottest());
        assertEquals(-0.8f, map.min());
        assertEquals(1.0f, map.max());
        assertEquals(2, map.columns());
        assertEquals(2, map.rows());
    }

    @Test
    void findsColumnsFromGapsOnAFractionalGridWithHoles() {
        double step = 448.8;      // 224 px at 0.5 um/px on a 0.2495 um/px scan, snapped to the 2x level
        int size = 448;
        List<HeatTile> tiles = new ArrayList<>();
        List<int[]> cells = new ArrayList<>();
        for (int row = 0; row < 40; row += 3) {
            for (int column = 0; column < 600; column += 1 + (column % 7)) {
                long x = 1000 + 2 * Math.round(column * step / 2);
                long y = 2000 + 2 * Math.round(row * step / 2);
                tiles.add(new HeatTile(x, y, size, 0));
                cells.add(new int[] {column, row});
            }
        }
        HeatMap map = HeatMap.of(tiles);
        for (int i = 0; i < tiles.size(); i++) {
            assertEquals(cells.get(i)[0], map.column(i), "column of tile " + tiles.get(i));
            assertEquals(cells.get(i)[1], map.row(i), "row of tile " + tiles.get(i));
        }
        assertEquals(1000, map.originX());
        assertEquals(step, map.stepX(), 0.01);
    }

    @Test
    void everyTileOfARealSlideGetsItsOwnCell() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(SharedSlides.get(SharedSlides.TIFF_025))) {
            List<TilePosition> planned = TileGrid.plan(slide, slide.scale()).tiles();
            HeatMap map = HeatMap.of(planned.stream().map(t -> new HeatTile(t.x(), t.y(), t.size(), 0.5f)).toList());
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < planned.size(); i++) {
                assertTrue(used.add(map.row(i) * map.columns() + map.column(i)), "two tiles in one cell at " + planned.get(i));
                // the raster puts each cell within a pixel of its tile
                assertEquals(planned.get(i).x(), map.originX() + map.column(i) * map.stepX(), 2.0);
                assertEquals(planned.get(i).y(), map.originY() + map.row(i) * map.stepY(), 2.0);
            }
            assertTrue(planned.size() > 50, "tiles: " + planned.size());
        }
    }

    @Test
    void hotRegionsAreTouchingTilesAboveTheThresholdHottestFirst() {
        // . = below, digits = similarity tenths; two regions: a diagonal pair (0.7, 0.8) and an L of three (0.9 peak)
        String[] grid = {
                "7..9",
                ".8.6",
                "...6",
                "5..."};
        List<HeatTile> tiles = new ArrayList<>();
        for (int row = 0; row < grid.length; row++) {
            for (int column = 0; column < 4; column++) {
                char c = grid[row].charAt(column);
                tiles.add(new HeatTile(column * 100L, row * 100L, 100, c == '.' ? 0.1f : (c - '0') / 10f));
            }
        }
        List<HotRegion> regions = HeatMap.of(tiles).hotRegions(0.6);
        assertEquals(2, regions.size());
        assertEquals(0.9f, regions.get(0).peak().similarity());
        assertEquals(3, regions.get(0).tiles().size());
        assertEquals(List.of(300L, 0L, 100L, 300L), List.of(regions.get(0).x(), regions.get(0).y(), regions.get(0).width(),
                regions.get(0).height()));
        assertEquals(0.8f, regions.get(1).peak().similarity());
        assertEquals(2, regions.get(1).tiles().size());   // joined at the corner
        assertEquals(List.of(0L, 0L, 200L, 200L), List.of(regions.get(1).x(), regions.get(1).y(), regions.get(1).width(),
                regions.get(1).height()));
        assertEquals(3, HeatMap.of(tiles).hotRegions(0.5).size()); // 0.5 counts at a threshold of 0.5
        assertTrue(HeatMap.of(tiles).hotRegions(0.95).isEmpty());
    }

    @Test
    void quantilesAndTheInitialThreshold() {
        List<HeatTile> tiles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tiles.add(new HeatTile(i * 10L, 0, 10, i / 10f));
        }
        HeatMap map = HeatMap.of(tiles);
        assertEquals(0f, map.quantile(0));
        assertEquals(0.9f, map.quantile(1));
        assertEquals(0.8f, HeatScale.initialThreshold(map));   // the hottest fifth: 0.8 and 0.9
    }
}
