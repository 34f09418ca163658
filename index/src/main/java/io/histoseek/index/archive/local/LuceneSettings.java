package io.histoseek.index.archive.local;

import io.histoseek.index.archive.VectorEngine;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

import java.util.Locale;

/**
 * The Lucene engine's parameters, in one place. Chosen by measurement at 100k x 1536 (bench/archive.sh,
 * docs/archive-format.md "Tuning"): see there before changing one. Benchmarks override them with
 * system properties {@code histoseek.lucene.encoding|m|beam|candidates}.
 *
 * @param encoding          how the graph's copy of each vector is quantized (the float32 original is
 *                          kept for the exact re-rank)
 * @param maxConn           HNSW M: neighbours per node
 * @param beamWidth         HNSW candidate list while inserting (efConstruction)
 * @param minCandidates     approximate neighbours gathered for the re-rank, at least
 * @param candidatesPerHit  ... and at least this many per hit asked for
 * @param ramBufferMb       vectors buffered before a segment is flushed, at most (see {@link #ramBufferMb(long)})
 * @param maxSegmentMb      the largest segment a merge makes, at most (see {@link #maxSegmentMb(long)})
 * @param spareSegments     segments beyond the fewest the size allows that an end-of-run merge leaves alone
 * @param maxDeletedShare   deleted vectors (of re-indexed and removed slides) an end-of-run merge leaves alone
 * @param exactUpTo         a filter keeping at most this many vectors of a segment scores them all exactly:
 *                          cheaper than a graph search that skips 99 nodes in 100
 */
public record LuceneSettings(ScalarEncoding encoding, int maxConn, int beamWidth, int minCandidates,
                             int candidatesPerHit, double ramBufferMb, double maxSegmentMb, int spareSegments,
                             double maxDeletedShare, int exactUpTo) {
    public static final LuceneSettings DEFAULTS = new LuceneSettings(ScalarEncoding.PACKED_NIBBLE, 32, 200,
            VectorEngine.DEFAULT_MIN_CANDIDATES, VectorEngine.DEFAULT_CANDIDATES_PER_HIT,
            64, 16 * 1024, 2, 0.1, 1024);
    private static final double MB = 1024 * 1024;

    /** The defaults with the benchmark's overrides, if any. */
    public static LuceneSettings current() {
        return new LuceneSettings(
                ScalarEncoding.valueOf(System.getProperty("histoseek.lucene.encoding", DEFAULTS.encoding.name())
                        .toUpperCase(Locale.ROOT)),
                Integer.getInteger("histoseek.lucene.m", DEFAULTS.maxConn),
                Integer.getInteger("histoseek.lucene.beam", DEFAULTS.beamWidth),
                Integer.getInteger("histoseek.lucene.candidates", DEFAULTS.minCandidates),
                DEFAULTS.candidatesPerHit, DEFAULTS.ramBufferMb, DEFAULTS.maxSegmentMb, DEFAULTS.spareSegments,
                DEFAULTS.maxDeletedShare, DEFAULTS.exactUpTo);
    }

    /** The writer's buffer on a heap of {@code maxHeapBytes}: a sixteenth of it, from 4 MB up to {@link #ramBufferMb}. */
    double ramBufferMb(long maxHeapBytes) {
        return Math.clamp(maxHeapBytes / MB / 16, 4, ramBufferMb);
    }

    /**
     * The largest merged segment on a heap of {@code maxHeapBytes}. A merge builds the segment's
     * graph on the heap, ~400 bytes a vector against ~7,000 bytes a vector on disk: four times the
     * heap in segment size keeps a merge within a quarter of the heap (at least 256 MB).
     */
    double maxSegmentMb(long maxHeapBytes) {
        return Math.clamp(4 * maxHeapBytes / MB, 256, maxSegmentMb);
    }

    /** How many approximate neighbours to gather for {@code k} hits when the caller does not say. */
    public int candidates(int k) {
        return Math.max(minCandidates, k * candidatesPerHit);
    }
}
