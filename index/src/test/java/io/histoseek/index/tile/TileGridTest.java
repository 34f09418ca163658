package io.histoseek.index.tile;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.slide.SlideException;
import io.histoseek.model.TileSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TileGridTest {
    /** Mean absolute difference per 8-bit channel between two tiles. */
    static double meanAbsDiff(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((a[i] >>> shift) & 0xFF) - ((b[i] >>> shift) & 0xFF));
            }
        }
        return sum / (3.0 * a.length);
    }

    /** 4x4 box average of a 224x224 tile: the tissue content without sub-pixel phase. */
    static int[] reduce4(int[] tile) {
        int side = TileSpec.DEFAULT.pixels() / 4;
        int[] out = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 4; dy++) {
                    for (int dx = 0; dx < 4; dx++) {
                        int p = tile[(4 * y + dy) * TileSpec.DEFAULT.pixels() + 4 * x + dx];
                        r += (p >>> 16) & 0xFF;
                        g += (p >>> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                }
                out[y * side + x] = (r / 16) << 16 | (g / 16) << 8 | b / 16;
            }
        }
        return out;
    }

    private record Planned(TileGrid grid, List<int[]> pixels) {}

    private static Planned plan(String file) throws SlideException {
        try (OpenSlideImage slide = OpenSlideImage.open(get(file))) {
            TileGrid grid = TileGrid.plan(slide, PhysicalScale.of(slide));
            TileReader reader = new TileReader(slide);
            List<int[]> pixels = new ArrayList<>();
            for (TilePosition tile : grid.tiles()) {
                pixels.add(reader.read(tile));
            }
            return new Planned(grid, pixels);
        }
    }

    @Test
    void sameTissueGivesTheSameTilesAcrossContainersAndResolutions() throws Exception {
        Planned svs = plan(SharedSlides.CMU);
        Planned tiff05 = plan(SharedSlides.TIFF_05);
        Planned tiff025 = plan(SharedSlides.TIFF_025);
        int reference = svs.grid.tiles().size();
        assertEquals(51, reference, "CMU skin section's tissue tiles");
        for (Planned copy : List.of(tiff05, tiff025)) {
            assertEquals(reference, copy.grid.tiles().size(), "the same tissue in another container and resolution");
            assertEquals(svs.grid.columns(), copy.grid.columns());
            assertEquals(svs.grid.rows(), copy.grid.rows());
        }
        assertEquals(224, svs.grid.tileSize());
        assertEquals(448, tiff025.grid.tileSize());
        int compared = 0;
        double worst = 0;
        double worstReduced = 0;
        double[] diffs025 = new double[reference];
        for (int i = 0; i < svs.grid.tiles().size(); i++) {
            TilePosition original = svs.grid.tiles().get(i);
            int j05 = indexAt(tiff05.grid, original.x(), original.y());
            int j025 = indexAt(tiff025.grid, 2 * original.x(), 2 * original.y());
            if (j05 < 0 || j025 < 0) {
                continue;
            }
            double d05 = meanAbsDiff(svs.pixels.get(i), tiff05.pixels.get(j05));
            double d025 = meanAbsDiff(svs.pixels.get(i), tiff025.pixels.get(j025));
            worst = Math.max(worst, Math.max(d05, d025));
            diffs025[compared] = d025;
            worstReduced = Math.max(worstReduced, meanAbsDiff(reduce4(svs.pixels.get(i)), reduce4(tiff025.pixels.get(j025))));
            compared++;
        }
        Arrays.sort(diffs025, 0, compared);
        double median025 = diffs025[compared / 2];
        System.out.printf("compared %d tiles: worst mean abs diff %.2f, median at 0.25 %.2f, worst at 1/4 size %.2f%n",
                compared, worst, median025, worstReduced);
        assertTrue(compared >= 0.9 * reference, "corresponding tiles found: " + compared);
        // Measured here: the 0.5 copy differs by 2.8-8.6 per channel (JPEG Q85 over the original
        // Q30); the 0.25 copy by 3.8-12.9, median 8.5 (Lanczos 2x up, vips' 2x box pyramid, JPEG
        // twice). At a quarter size, where sub-pixel detail no longer counts, 5.3 at worst.
        // A grid off by one 0.25 um/px pixel (the rounding this grid avoids) gives up to 14.5.
        assertTrue(median025 < 10, "median mean abs diff at 0.25 um/px " + median025);
        assertTrue(worst < 14, "worst mean abs diff " + worst);
        assertTrue(worstReduced < 7, "worst mean abs diff at 1/4 size " + worstReduced);
    }

    /** The 0.25 um/px grid lands exactly on the doubled 0.5 um/px positions. */
    private static int indexAt(TileGrid grid, long x, long y) {
        for (int i = 0; i < grid.tiles().size(); i++) {
            TilePosition tile = grid.tiles().get(i);
            if (tile.x() == x && tile.y() == y) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void multiFileContainersShowTheSamePixelsAtTheSamePlaces() throws Exception {
        try (OpenSlideImage svs = OpenSlideImage.open(get(SharedSlides.CMU));
             OpenSlideImage mirax = OpenSlideImage.open(get(SharedSlides.MIRAX));
             OpenSlideImage vms = OpenSlideImage.open(get(SharedSlides.VMS))) {
            TileReader fromSvs = new TileReader(svs);
            TileReader fromMirax = new TileReader(mirax);
            TileReader fromVms = new TileReader(vms);
            TileGrid grid = TileGrid.plan(mirax, PhysicalScale.of(mirax));
            assertEquals(44, grid.tiles().size(), "the mirax copy's tissue tiles (2048x2816 pixels of the same section)");
            for (TilePosition tile : grid.tiles().subList(0, 10)) {
                int[] reference = fromSvs.read(tile);
                assertTrue(meanAbsDiff(reference, fromMirax.read(tile)) < 8);
                // VMS level 0 is the source cropped at (86, 11).
                if (tile.x() >= 86 && tile.y() >= 11) {
                    TilePosition shifted = new TilePosition(tile.x() - 86, tile.y() - 11, tile.size(), 0);
                    assertTrue(meanAbsDiff(reference, fromVms.read(shifted)) < 8);
                }
            }
        }
    }

    @Test
    void unknownScaleIsNeverTiledSilently() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.TCGA))) {
            SlideException e = assertThrows(SlideException.class, () -> TileGrid.plan(slide, PhysicalScale.of(slide)));
            assertEquals(get(SharedSlides.TCGA) + ": physical scale unknown (the file records neither an mpp nor an objective"
                    + " power); give it with --mpp", e.getMessage());
            TileGrid assumed = TileGrid.plan(slide, PhysicalScale.assumed(0.5));
            // One large piece covering ~58% of the slide: most of the 19x15 grid.
            assertEquals(19, assumed.columns());
            assertEquals(15, assumed.rows());
            assertEquals(201, assumed.tiles().size());
        }
    }

    @Test
    void slidesCoarserThanHalfAMicronAreRefusedUnlessAllowed() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.BOXES))) {
            PhysicalScale coarse = PhysicalScale.assumed(1.0);
            SlideException e = assertThrows(SlideException.class, () -> TileGrid.plan(slide, coarse));
            assertTrue(e.getMessage().contains("coarser"), e.getMessage());
            TissueMask mask = TissueDetector.detectOverview(slide, 64);
            TileGrid allowed = TileGrid.plan(slide, coarse, mask, 0, true);
            assertEquals(112, allowed.tileSize());
            assertEquals(2, allowed.columns());
            assertEquals(2, allowed.rows());
        }
    }

    @Test
    void everyPositionIsAWholeTileInsideTheSlideInLevel0Pixels() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.TIFF_025))) {
            TileGrid grid = TileGrid.plan(slide, PhysicalScale.of(slide));
            for (TilePosition tile : grid.tiles()) {
                assertEquals(448, tile.size());
                assertTrue(tile.x() + tile.size() <= slide.width() && tile.y() + tile.size() <= slide.height());
                assertTrue(tile.tissueFraction() >= TileGrid.DEFAULT_MIN_TISSUE);
            }
        }
    }
}
