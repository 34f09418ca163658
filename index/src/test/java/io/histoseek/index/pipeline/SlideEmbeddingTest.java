package io.histoseek.index.pipeline;

import io.histoseek.index.Limits;
import io.histoseek.index.search.SearchException;
import io.histoseek.index.tile.TilePosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole slide outside the archive embedded on the fly for its heat map (the TCGA frozen section
 * at an assumed 0.5 um/px, over a hundred tissue tiles, with the tiny model): every tissue tile,
 * the vectors a query on each tile would get, progress per batch, a bound, and a stop.
 */
class SlideEmbeddingTest {
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
    void everyTissueTileWithTheVectorAQueryOnItGets() {
        List<int[]> reports = new ArrayList<>();
        SlideEmbedding slide = embedder.embedSlide(TCGA, Limits.HEAT_MAP_TILES, (done, all) -> reports.add(new int[] {done, all}),
                () -> false);
        assertEquals(tissue, slide.tiles());
        assertTrue(tissue.size() > 100, tissue.size() + " tiles");
        for (int i : new int[] {0, tissue.size() / 2, tissue.size() - 1}) {
            TilePosition tile = tissue.get(i);
            float[] query = normalized(embedder.embed(TCGA, tile.x() + 1, tile.y() + 1, 0, 0).orElseThrow());
            assertArrayEquals(query, slide.vectors()[i], 1e-5f, "tile " + tile);
        }
        assertEquals(tissue.size(), reports.getLast()[0]);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] > reports.get(i - 1)[0] && reports.get(i)[1] == tissue.size());
        }
    }

    @Test
    void aSlideOverTheBoundIsRefusedInOneLine() {
        SearchException refused = assertThrows(SearchException.class, () -> embedder.embedSlide(TCGA, 100, (d, a) -> {}, () -> false));
        assertEquals(TCGA + ": " + String.format("%,d", tissue.size()) + " tissue tiles; a slide outside the archive is"
                + " embedded on the fly up to 100 (index it to see its heat map)", refused.getMessage());
    }

    @Test
    void aStopEndsItWithinABatch() {
        AtomicInteger batches = new AtomicInteger();
        assertThrows(CancellationException.class, () -> embedder.embedSlide(TCGA, Limits.HEAT_MAP_TILES,
                (done, all) -> batches.incrementAndGet(), () -> batches.get() >= 2));
        assertEquals(2, batches.get(), "stopped after the batch during which it was asked");
    }

    private static float[] normalized(float[] v) {
        double sum = 0;
        for (float f : v) sum += (double) f * f;
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) out[i] /= (float) Math.sqrt(sum);
        return out;
    }
}
