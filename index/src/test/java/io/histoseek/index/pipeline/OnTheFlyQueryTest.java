package io.histoseek.index.pipeline;

import io.histoseek.index.Limits;
import io.histoseek.index.search.SearchException;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.index.tile.TileReader;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Preprocessing;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.load.Encoders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rectangles on a slide outside the archive (the TCGA frozen section, tiled at an assumed
 * 0.5 um/px: 4443 x 3567 pixels, over a hundred tissue tiles): bounded in tiles, in size and in memory.
 */
class OnTheFlyQueryTest {
    private static final Path TCGA = OutsideSlide.TCGA;
    private static OutsideSlide outside;
    private static SlideQueryEmbedder embedder;
    private static List<TilePosition> tissue;

    @BeforeAll
    static void openTheEmbedder() throws Exception {
        outside = OutsideSlide.open();
        embedder = outside.embedder();
        tissue = outside.tissue();
    }

    @AfterAll
    static void close() {
        outside.close();
    }

    @Test
    void aBoxOverTheWholeSlideIsTheMeanOfAnEvenSampleOf64Tiles() throws Exception {
        assertTrue(tissue.size() > 2 * Limits.QUERY_TILES, tissue.size() + " tissue tiles");
        List<RegionEmbedding> notes = new ArrayList<>();
        embedder.onSampled(notes::add);
        float[] searched = embedder.embed(TCGA, 0, 0, 4443, 3567).orElseThrow();
        assertEquals(1, notes.size(), "one note for the sampled query");
        RegionEmbedding whole = notes.getFirst();
        assertArrayEquals(whole.vector(), searched);
        assertEquals(tissue.size(), whole.tilesInRegion());
        assertEquals(Limits.QUERY_TILES, whole.tilesEmbedded());
        assertTrue(whole.sampled());

        // The same mean from the encoder itself: the sample is the tiles at i * N / 64 in grid order.
        float[][] tensors = new float[Limits.QUERY_TILES][Preprocessing.TENSOR_LENGTH];
        try (OpenSlideImage slide = OpenSlideImage.open(TCGA);
             TileEncoder encoder = Encoders.open(SharedData.tinyCheckpoint(), EncoderOptions.defaults().withHeads(OptionalInt.of(3)))) {
            TileReader reader = new TileReader(slide);
            for (int i = 0; i < Limits.QUERY_TILES; i++) {
                reader.readNormalized(tissue.get(i * tissue.size() / Limits.QUERY_TILES), new int[Preprocessing.PIXELS], tensors[i], 0);
            }
            float[] expected = new float[whole.vector().length];
            for (float[] vector : encoder.encode(tensors)) {
                float[] unit = SlideSource.Prepared.normalized(vector);
                for (int d = 0; d < expected.length; d++) {
                    expected[d] += unit[d] / Limits.QUERY_TILES;
                }
            }
            assertArrayEquals(expected, whole.vector(), 1e-5f);
        }

    }

    @Test
    void aSmallBoxEmbedsEveryTileItCovers() {
        TilePosition first = tissue.getFirst();
        RegionEmbedding region = embedder.embedRegion(TCGA, first.x(), first.y(), 3 * first.size(), 2 * first.size()).orElseThrow();
        assertFalse(region.sampled());
        assertEquals(region.tilesInRegion(), region.tilesEmbedded());
        assertTrue(region.tilesEmbedded() >= 1 && region.tilesEmbedded() <= 6, region.toString());
    }

    @Test
    void aBoxLongerThanTenMillimetresIsRefusedInOneLine() {
        assertTrue(embedder.embedRegion(TCGA, 0, 0, 20_000, 100).isPresent(), "10 mm at 0.5 um/px is allowed");
        SearchException refused = assertThrows(SearchException.class, () -> embedder.embedRegion(TCGA, 0, 0, 100, 20_001));
        assertEquals(TCGA + ": rectangle 100x20001 level-0 pixels (0.1 x 10.0 mm) is larger than the 10 x 10 mm an on-the-fly"
                + " query may cover (20000 pixels a side at 0.5 um/px); draw a smaller one, or index the slide", refused.getMessage());
    }

    @Test
    void theSampleIsEvenAndNeverRepeatsATile() {
        List<TilePosition> tiles = new ArrayList<>();
        for (int n = 0; n <= 300; n++) {
            List<TilePosition> sample = SlideQueryEmbedder.evenSample(tiles, Limits.QUERY_TILES);
            assertEquals(Math.min(n, Limits.QUERY_TILES), sample.size());
            assertEquals(sample.size(), new HashSet<>(sample).size(), "repeats in a sample of " + n);
            if (n > Limits.QUERY_TILES) {
                assertEquals(tiles.getFirst(), sample.getFirst());
                assertTrue(tiles.indexOf(sample.getLast()) >= n - n / Limits.QUERY_TILES - 1, "the sample reaches the end");
            }
            tiles.add(new TilePosition(n * 224L, 0, 224, 1f));
        }
    }

    /** Every tile of the slide as tensors would take ~100 MB; the query must run in a 40 MB heap. */
    @Test
    void aWholeSlideQueryRunsInASmallHeap() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx40m", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), OnTheFlyQueryChild.class.getName(),
                SharedData.tinyCheckpoint().toString(), TCGA.toString(), "0.5");
        builder.redirectErrorStream(true);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("tiles " + tissue.size() + " embedded " + Limits.QUERY_TILES + "\n"), output);
        System.out.println("on-the-fly whole-slide query in a 40 MB heap: "
                + output.lines().filter(l -> l.startsWith("peak")).findFirst().orElse(""));
    }
}
