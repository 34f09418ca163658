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
        return IntStream.range(0, vectors.length).parallel()
                .mapToObj(q -> nearest(vectors, groups, q, k))
                .toList();
    }

    private static List<Match> nearest(float[][] vectors, int[] groups, int query, int k) {
        // Worst kept on top: lower score, then higher index.
        PriorityQueue<Match> kept = new PriorityQueue<>(k + 1, (a, b) -> a.score() != b.score()
                ? Float.compare(a.score(), b.score()) : Long.compare(b.id(), a.id()));
        float[] q = vectors[query];
        for (int i = 0; i < vectors.length; i++) {
            if (groups[i] == groups[query]) continue;
            float score = Dot.of(q, vectors[i]);
            if (kept.size() < k) {
                kept.add(new Match(i, score));
            } else if (score > kept.peek().score()) {
                kept.poll();
                kept.add(new Match(i, score));
            }
        }
        List<Match> bestFirst = new ArrayList<>(kept);
        bestFirst.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Long.compare(a.id(), b.id()));
        return bestFirst;
    }
}
