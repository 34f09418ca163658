package io.histoseek.index.archive;

import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Where an archive's vectors live: each tile's L2-normalized vector exactly once, keyed by tile id
 * and tagged with its slide id. Reads see the last commit (a reader picks up newer commits on its
 * next call); writes stay invisible until {@link #commit}. An engine opened for reading refuses
 * writes. The archive decides ids and commit order; the engine only stores and searches.
 * How to add an engine: docs/engine.md.
 */
public interface VectorEngine extends AutoCloseable {
    /**
     * Approximate neighbours an engine gathers for {@code k} hits when the caller does not say: at
     * least 64, and 4 per hit. Chosen at 1M x 1536 (docs/benchmarks-archive.md): 64 candidates keep
     * recall@10 at 0.96 there (40, the earlier default, gave 0.94) for ~1.1 ms a query.
     */
    static int defaultCandidates(int k) {
        return Math.max(DEFAULT_MIN_CANDIDATES, k * DEFAULT_CANDIDATES_PER_HIT);
    }

    int DEFAULT_MIN_CANDIDATES = 64;
    int DEFAULT_CANDIDATES_PER_HIT = 4;

    // ---- reading ----

    /**
     * The {@code k} tiles most similar to the normalized {@code query} that pass {@code filter},
     * best first, with exact cosine scores. {@code candidates} is how many approximate neighbours
     * to gather before the exact re-rank (0: the engine's default; never fewer than k).
     */
    List<Neighbor> search(float[] query, int k, int candidates, VectorFilter filter);

    /** Vectors in the last commit. */
    long count();

    /** The stored vector of a tile, if the last commit holds it. */
    Optional<float[]> vector(long tileId);

    /** Every stored vector of a slide, in tile-id order (the order its tiles were written). */
    void forEachVectorOfSlide(long slideId, TileVectorSink sink);

    /** Every tile id of the last commit, in no particular order (for the archive's consistency check). */
    void forEachTileId(LongConsumer sink);

    /** Parts the engine searches one by one (Lucene segments); few is fast. */
    int segments();

    /** The stamp of the last commit; {@link CommitStamp#EMPTY} before the first. */
    CommitStamp committed();

    // ---- writing ----

    /** Adds one vector per tile id, all of the same slide (ids never seen before). */
    void add(long slideId, long[] tileIds, float[][] vectors);

    void deleteSlide(long slideId);

    void deleteTiles(long[] tileIds);

    /** Makes every add and delete since the last commit durable and visible, stamped with {@code stamp}. */
    void commit(CommitStamp stamp);

    /** Merges what the engine holds into few parts (the end of a run); searches go on meanwhile. */
    void compact();

    @Override
    void close();
}
