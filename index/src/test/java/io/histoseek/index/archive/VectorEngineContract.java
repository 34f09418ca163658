package io.histoseek.index.archive;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link VectorEngine} must do, on 2,000 clustered 1536-d vectors in 100 slides of 20
 * tiles, each slide committed on its own, then compacted: recall@10 against hnswlib-core's exact
 * search, exact cosine scores, filters inside the search that still return k, a slide's vectors in
 * tile order, readers that see each commit and refuse to write. An engine's test extends this.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VectorEngineContract {
    protected static final int DIM = 1536;
    protected static final int SLIDES = 100;
    protected static final int PER_SLIDE = 20;

    @TempDir
    static Path dir;
    protected float[][] base;
    private float[][] queries;
    private ExactNeighbours exact;

    /** The engine of an archive in {@code folder}, for writing (creating it when new). */
    protected abstract VectorEngine openForWriting(Path folder);

    /** The engine of an archive in {@code folder}, for reading. */
    protected abstract VectorEngine openForReading(Path folder);

    protected static long tileId(int slide, int i) {
        return 1000L * slide + i + 1;
    }

    private float[] vectorOf(long tileId) {
        return base[(int) (tileId / 1000) * PER_SLIDE + (int) (tileId % 1000) - 1];
    }

    @BeforeAll
    void build() {
        var gen = new ClusteredVectors(DIM, 30, 5);
        base = gen.next(SLIDES * PER_SLIDE);
        queries = gen.next(100);
        exact = new ExactNeighbours(DIM);
        try (VectorEngine engine = openForWriting(dir)) {
            for (int s = 0; s < SLIDES; s++) {
                long[] ids = new long[PER_SLIDE];
                float[][] vectors = new float[PER_SLIDE][];
                for (int i = 0; i < PER_SLIDE; i++) {
                    ids[i] = tileId(s, i);
                    vectors[i] = base[s * PER_SLIDE + i];
                    exact.add(ids[i], vectors[i]);
                }
                engine.add(s, ids, vectors);
                engine.commit(new CommitStamp(s + 1, ids[PER_SLIDE - 1]));
            }
            afterCommits(engine);
            engine.compact();
            afterCompaction(engine);
            assertEquals(new CommitStamp(SLIDES, tileId(SLIDES - 1, PER_SLIDE - 1)), engine.committed(),
                    "compacting keeps the stamp");
        }
    }

    /** Checks on the engine after the 100 commits, before it is compacted. */
    protected void afterCommits(VectorEngine engine) {
    }

    /** Checks on the engine once compacted. */
    protected void afterCompaction(VectorEngine engine) {
    }

    @Test
    void recallAtTenMatchesExactSearchAndScoresAreExactCosines() {
        try (VectorEngine engine = openForReading(dir)) {
            assertEquals(SLIDES * PER_SLIDE, engine.count());
            int found = 0;
            for (float[] q : queries) {
                List<Neighbor> hits = engine.search(q, 10, 0, VectorFilter.NONE);
                assertEquals(10, hits.size());
                Set<Long> truth = new HashSet<>(exact.nearest(q, 10));
                for (Neighbor hit : hits) if (truth.contains(hit.tileId())) found++;
                assertEquals(dot(q, vectorOf(hits.getFirst().tileId())), hits.getFirst().score(), 1e-5);
                assertEquals(exact.bestScore(q), hits.getFirst().score(), 1e-5, "the best hit is the exact best");
                for (int i = 1; i < hits.size(); i++) assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
            }
            double recall = found / (10.0 * queries.length);
            assertTrue(recall >= 0.95, "recall@10 " + recall);
        }
    }

    @Test
    void aFilterKeepingOnePercentStillReturnsKOfTheAllowedSlide() {
        try (VectorEngine engine = openForReading(dir)) {
            for (float[] q : Arrays.copyOf(queries, 10)) {
                List<Neighbor> hits = engine.search(q, 10, 0, VectorFilter.only(List.of(42L)));
                assertEquals(10, hits.size());
                List<Long> expected = new ArrayList<>();
                for (int i = 0; i < PER_SLIDE; i++) expected.add(tileId(42, i));
                expected.sort((a, b) -> Float.compare(dot(q, vectorOf(b)), dot(q, vectorOf(a))));
                assertEquals(expected.subList(0, 10), hits.stream().map(Neighbor::tileId).toList());

                Set<Long> excluded = Set.of(0L, 1L, 2L, 3L, 4L);
                List<Neighbor> others = engine.search(q, 10, 0, VectorFilter.allBut(excluded));
                assertEquals(10, others.size());
                assertTrue(others.stream().noneMatch(n -> excluded.contains(n.tileId() / 1000)), others.toString());
            }
        }
    }

    @Test
    void aSlidesVectorsComeBackInTileOrderAndTilesOneByOne() {
        try (VectorEngine engine = openForReading(dir)) {
            List<Long> ids = new ArrayList<>();
            engine.forEachVectorOfSlide(17, (id, vector) -> {
                ids.add(id);
                assertArrayEquals(vectorOf(id), vector);
            });
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < PER_SLIDE; i++) expected.add(tileId(17, i));
            assertEquals(expected, ids);
            assertArrayEquals(vectorOf(tileId(3, 4)), engine.vector(tileId(3, 4)).orElseThrow());
            assertTrue(engine.vector(999_999).isEmpty());
            long[] count = new long[1];
            engine.forEachTileId(id -> count[0]++);
            assertEquals(SLIDES * PER_SLIDE, count[0]);
        }
    }

    @Test
    void aReaderSeesEachCommitOfAWriterAndRefusesToWrite(@TempDir Path other) {
        try (VectorEngine reader = openForReading(other)) {
            assertEquals(0, reader.count(), "no index yet reads as empty");
            assertEquals(List.of(), reader.search(queries[0], 5, 0, VectorFilter.NONE));
            try (VectorEngine writer = openForWriting(other)) {
                // A slide spread over two commits still reads back in tile order.
                writer.add(7, new long[] {1, 2}, new float[][] {base[0], base[1]});
                writer.commit(new CommitStamp(1, 2));
                assertEquals(2, reader.count());
                writer.add(7, new long[] {3}, new float[][] {base[2]});
                writer.add(8, new long[] {4}, new float[][] {base[3]});
                assertEquals(2, reader.count(), "uncommitted adds stay invisible");
                writer.commit(new CommitStamp(2, 4));
                assertEquals(4, reader.count());
                assertEquals(new CommitStamp(2, 4), reader.committed());
                afterTwoCommits(writer, reader);
                List<Long> order = new ArrayList<>();
                reader.forEachVectorOfSlide(7, (id, v) -> order.add(id));
                assertEquals(List.of(1L, 2L, 3L), order);

                writer.deleteSlide(7);
                writer.deleteTiles(new long[] {4});
                writer.commit(new CommitStamp(3, 4));
                assertEquals(0, reader.count());
                assertEquals(List.of(), reader.search(queries[0], 5, 0, VectorFilter.NONE));
            }
            var refused = assertThrows(ArchiveException.class, () -> reader.deleteSlide(1));
            assertTrue(refused.getMessage().contains("opened for reading"), refused.getMessage());
        }
    }

    /** Checks on a small engine after two commits of a slide, each its own part. */
    protected void afterTwoCommits(VectorEngine writer, VectorEngine reader) {
    }

    protected static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }
}
