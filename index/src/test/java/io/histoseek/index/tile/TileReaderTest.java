package io.histoseek.index.tile;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.model.Preprocessing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TileReaderTest {
    @Test
    void readsFromTheCoarsestLevelThatStillHasTheResolution() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.TIFF_025))) {
            assertEquals(0, TileReader.levelFor(slide, 224));
            assertEquals(1, TileReader.levelFor(slide, 448));
            assertEquals(1, TileReader.levelFor(slide, 449));
            assertEquals(2, TileReader.levelFor(slide, 896), "downsample 4.0007 is within the slack");
        }
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.TCGA))) {
            // 2.0005: 448 / 2.0005 = 223.9 px, still level 1 (read as 224 px, not upsampled from level 0)
            assertEquals(1, TileReader.levelFor(slide, 448));
            assertEquals(0, TileReader.levelFor(slide, 440));
        }
    }

    @Test
    void aTileAtTheTargetScaleIsTheRegionItselfAndNormalizesLikePreprocessing() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.CMU))) {
            TilePosition tile = new TilePosition(898, 1347, 224, 1f);
            TileReader reader = new TileReader(slide);
            int[] pixels = reader.read(tile);
            int[] region = new int[224 * 224];
            slide.readRegion(898, 1347, 0, 224, 224, region);
            assertArrayEquals(region, pixels);
            float[] tensor = new float[Preprocessing.TENSOR_LENGTH + 7];
            reader.readNormalized(tile, new int[224 * 224], tensor, 7);
            float[] expected = Preprocessing.normalizeArgb(region);
            assertArrayEquals(expected, Arrays.copyOfRange(tensor, 7, tensor.length));
        }
    }

    @Test
    void aDoubleSizeTileFromLevelZeroIsTheTwoByTwoMean() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.CMU))) {
            int[] tile = new TileReader(slide).read(new TilePosition(448, 896, 448, 1f));
            int[] region = new int[448 * 448];
            slide.readRegion(448, 896, 0, 448, 448, region);
            for (int y = 0; y < 224; y += 17) {
                for (int x = 0; x < 224; x += 19) {
                    int sum = 0;
                    for (int d = 0; d < 4; d++) {
                        sum += (region[(2 * y + d / 2) * 448 + 2 * x + d % 2] >>> 8) & 0xFF;
                    }
                    assertEquals(sum / 4.0, (tile[y * 224 + x] >>> 8) & 0xFF, 0.51);
                }
            }
        }
    }

    @Test
    void readersOnManyThreadsSharingOneSlideGetTheSamePixelsAsOne() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(SharedSlides.TIFF_025))) {
            List<TilePosition> tiles = TileGrid.plan(slide, PhysicalScale.of(slide)).tiles();
            TileReader single = new TileReader(slide);
            int[][] expected = new int[tiles.size()][];
            for (int i = 0; i < tiles.size(); i++) {
                expected[i] = single.read(tiles.get(i));
            }
            AtomicInteger next = new AtomicInteger();
            ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    TileReader reader = new TileReader(slide);
                    int[] pixels = new int[224 * 224];
                    for (int i; (i = next.getAndIncrement()) < tiles.size(); ) {
                        try {
                            reader.read(tiles.get(i), pixels);
                            if (!Arrays.equals(expected[i], pixels)) {
                                mismatches.add(tiles.get(i).toString());
                            }
                        } catch (Exception e) {
                            mismatches.add(e.toString());
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertEquals(List.of(), List.copyOf(mismatches));
        }
    }
}
