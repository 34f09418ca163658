package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * Exact leave-one-group-out k-NN by cosine over a small set (a tile folder: thousands, not
 * millions): every pair is scored, so nothing is approximate. A query never sees itself nor an
 * item of its own group.
 */
public final class ExactNeighbours {
    private ExactNeighbours() {
    }

    /**
     * For each item, its {@code k} most similar items of other groups, best first (equal scores by
     * index). {@code vectors} must be L2-normalized; {@code groups[i]} is item i's group.
     */
    public static List<List<Match>> leaveGroupOut(float[][] vectors, int[] groups, int k) {
        if (vectors.length != groups.length) throw new IllegalArgumentException("one group per vector");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1: " + k);
        int blocks = (vectors.length + BLOCK - 1) / BLOCK;
        List<List<List<Match>>> perBlock = IntStream.range(0, blocks).parallel()
                .mapToObj(b -> nearest(vectors, groups, b * BLOCK, Math.min(vectors.length, (b + 1) * BLOCK), k))
                .toList();
        List<List<Match>> out = new ArrayList<>(vectors.length);
        perBlock.forEach(out::addAll);
        return out;
    }

    /**
     * Queries go in blocks that stay in cache while every item streams past once: one pass over
     * memory per block instead of per query (at 1536-d the vectors outgrow the caches at a few thousand).
     */
    private static final int BLOCK = 32;

    private static List<List<Match>> nearest(float[][] vectors, int[] groups, int from, int to, int k) {
        List<PriorityQueue<Match>> kept = new ArrayList<>(to - from);
        for (int q = from; q < to; q++) {
            // Worst kept on top: lower score, then higher index.
            kept.add(new PriorityQueue<>(k + 1, (a, b) -> a.score() != b.score()
                    ? Float.compare(a.score(), b.score()) : Long.compare(b.id(), a.id())));
        }
        for (int i = 0; i < vectors.length; i++) {
            float[] item = vectors[i];
            for (int q = from; q < to; q++) {
                if (groups[i] == groups[q]) continue;
                float score = Dot.of(vectors[q], item);
                PriorityQueue<Match> heap = kept.get(q - from);
                if (heap.size() < k) {
                    heap.add(new Match(i, score));
                } else if (score > heap.peek().score()) {
                    heap.poll();
                    heap.add(new Match(i, score));
                }
            }
        }
        List<List<Match>> out = new ArrayList<>(to - from);
        for (PriorityQueue<Match> heap : kept) {
            List<Match> bestFirst = new ArrayList<>(heap);
            bestFirst.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Long.compare(a.id(), b.id()));
            out.add(bestFirst);
        }
        return out;
    }
}
