package io.histoseek.index.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scoring rule of a query by examples, in one place (docs/refine.md works an example by hand).
 * The examples are unit vectors: positives P (at least one) and negatives N (any number).
 * <ol>
 *   <li>Candidates are fetched with the Rocchio vector {@code q = mean(P) - NEGATIVE_WEIGHT_IN_QUERY * mean(N)},
 *       renormalised, and, so that one example's own neighbours are not drowned when the
 *       positives differ, with each positive on its own ({@link #candidateQueries()}).</li>
 *   <li>Each candidate {@code t} is re-scored as
 *       {@code max(-1, max_p cos(t, p) - NEGATIVE_WEIGHT_IN_SCORE * max(0, max_n cos(t, n)))}:
 *       like its closest positive, less how like its closest negative it is. Likeness to a negative
 *       costs; unlikeness earns nothing, so the score stays a similarity in [-1, 1] and equals
 *       the plain cosine when there are no negatives.</li>
 * </ol>
 * Ties keep the order of the closeness to the positives, so a negative's own tile (which scores
 * {@code cos - NEGATIVE_WEIGHT_IN_SCORE}, the largest penalty there is) never passes a tile that
 * was above it without negatives.
 */
public final class RefinedScoring {
    /**
     * Weight of the mean of the negatives in the candidate query. At 0.5 a negative as close to
     * the positive as 0.9 (a near hit the user rejects) turns the query by only 22 degrees
     * (cos 0.93 to the positive); at 1 the query would turn 77 degrees, into the small difference
     * of two near-equal vectors, which points anywhere.
     */
    public static final double NEGATIVE_WEIGHT_IN_QUERY = 0.5;
    /**
     * Weight of the likeness to the closest negative in a candidate's score. Above 1/3 a tile as
     * close to a negative as to the positive (0.9 and 0.9) falls below one a little less like the
     * positive that is unlike the negative (0.8 and 0.6); below 1 the positives stay the main
     * term (a tile at 0.95 to the positive and 0.7 to a negative still beats one at 0.6 and 0.3).
     */
    public static final double NEGATIVE_WEIGHT_IN_SCORE = 0.5;
    /** Candidates gathered per search, per hit asked for, before the re-score. */
    public static final int CANDIDATES_PER_HIT = 4;
    /** At least this many candidates per search, whatever k. */
    public static final int MIN_CANDIDATES = 100;

    private final List<float[]> positives;
    private final List<float[]> negatives;

    /** A tile with its re-scored similarity and its closeness to the positives (the tie-break). */
    public record Scored(long tileId, float score, float positive) {
    }

    /** A candidate tile and its (unit) vector. */
    public record Candidate(long tileId, float[] vector) {
    }

    /** {@code positives} and {@code negatives}: unit vectors of one dimension; at least one positive. */
    public RefinedScoring(List<float[]> positives, List<float[]> negatives) {
        if (positives.isEmpty()) {
            throw new SearchException("a query needs at least one positive example");
        }
        int dimension = positives.getFirst().length;
        for (float[] v : concat(positives, negatives)) {
            if (v.length != dimension) {
                throw new SearchException("examples of " + dimension + " and " + v.length + " dimensions in one query");
            }
        }
        this.positives = List.copyOf(positives);
        this.negatives = List.copyOf(negatives);
    }

    /** How many candidates each of {@link #candidateQueries()} gathers for {@code k} hits. */
    public static int candidates(int k) {
        return Math.max(MIN_CANDIDATES, k * CANDIDATES_PER_HIT);
    }

    /** The Rocchio vector (normalised) first, then each positive when there are several or any negative. */
    public List<float[]> candidateQueries() {
        List<float[]> queries = new ArrayList<>();
        queries.add(rocchio());
        if (positives.size() > 1 || !negatives.isEmpty()) {
            queries.addAll(positives);
        }
        return queries;
    }

    /** mean(P) - NEGATIVE_WEIGHT_IN_QUERY * mean(N), renormalised. */
    public float[] rocchio() {
        float[] q = new float[positives.getFirst().length];
        add(q, positives, 1.0 / positives.size());
        add(q, negatives, negatives.isEmpty() ? 0 : -NEGATIVE_WEIGHT_IN_QUERY / negatives.size());
        return ArchiveSearcher.normalized(q);
    }

    /** The re-scored similarity of a unit vector. */
    public float score(float[] tile) {
        return Math.max(-1f, positive(tile) - (float) (NEGATIVE_WEIGHT_IN_SCORE * Math.max(0f, closest(tile, negatives))));
    }

    /** Cosine to the closest positive. */
    public float positive(float[] tile) {
        return closest(tile, positives);
    }

    /** The candidates re-scored, best first (ties: closer to the positives first, then by tile id). */
    public List<Scored> rank(List<Candidate> candidates) {
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            scored.add(new Scored(c.tileId(), score(c.vector()), positive(c.vector())));
        }
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.score())
                .thenComparingDouble(s -> -s.positive())
                .thenComparingLong(Scored::tileId));
        return scored;
    }

    private static float closest(float[] tile, List<float[]> examples) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] e : examples) {
            best = Math.max(best, dot(tile, e));
        }
        return best;
    }

    static float dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return (float) sum;
    }

    private static void add(float[] into, List<float[]> vectors, double weight) {
        for (float[] v : vectors) {
            for (int i = 0; i < into.length; i++) {
                into[i] += (float) (weight * v[i]);
            }
        }
    }

    private static List<float[]> concat(List<float[]> a, List<float[]> b) {
        List<float[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
