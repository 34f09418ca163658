package io.histoseek.index.search;

import io.histoseek.index.search.RefinedScoring.Candidate;
import io.histoseek.index.search.RefinedScoring.Scored;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked example of docs/refine.md, number for number. */
class RefinedScoringTest {
    static final float[] P1 = {1, 0, 0};
    static final float[] P2 = {0, 1, 0};
    static final float[] N = {0, 0.6f, 0.8f};
    static final float[] T1 = {0.8f, 0.6f, 0};
    static final float[] T2 = {0, 0.8f, 0.6f};
    static final float[] T3 = {0.6f, 0, 0.8f};
    static final float[] T4 = {0, 0, 1};
    static final float[] T5 = {0.6f, 0, -0.8f};

    final RefinedScoring scoring = new RefinedScoring(List.of(P1, P2), List.of(N));

    @Test
    void rocchioIsTheMeanOfThePositivesLessHalfTheMeanOfTheNegativesRenormalised() {
        // (0.5, 0.5, 0) - 0.5 * (0, 0.6, 0.8) = (0.5, 0.2, -0.4); length sqrt(0.45)
        double length = Math.sqrt(0.45);
        assertArrayEquals(new float[] {(float) (0.5 / length), (float) (0.2 / length), (float) (-0.4 / length)},
                scoring.rocchio(), 1e-6f);
        assertArrayEquals(new float[] {0.745356f, 0.298142f, -0.596285f}, scoring.rocchio(), 1e-6f);
    }

    @Test
    void scoreIsTheClosestPositiveLessHalfTheClosestNegative() {
        assertEquals(0.8 - 0.5 * 0.36, scoring.score(T1), 1e-6);   // 0.62
        assertEquals(0.8 - 0.5 * 0.96, scoring.score(T2), 1e-6);   // 0.32
        assertEquals(0.6 - 0.5 * 0.64, scoring.score(T3), 1e-6);   // 0.28
        assertEquals(0.0 - 0.5 * 0.80, scoring.score(T4), 1e-6);   // -0.40
        assertEquals(0.6, scoring.score(T5), 1e-6);                // unlike the negative (-0.64): no bonus
        assertEquals(0.6 - 0.5 * 1.0, scoring.score(N), 1e-6);     // the negative itself: 0.10
    }

    @Test
    void rankReordersWhatTheRocchioVectorFetched() {
        float[] q = scoring.rocchio();
        // Rocchio alone: t5 0.924, t1 0.775, t3 -0.030, t2 -0.119, t4 -0.596
        assertEquals(0.924, RefinedScoring.dot(q, T5), 1e-3);
        assertEquals(0.775, RefinedScoring.dot(q, T1), 1e-3);
        assertEquals(-0.119, RefinedScoring.dot(q, T2), 1e-3);
        List<Scored> ranked = scoring.rank(List.of(new Candidate(5, T5), new Candidate(1, T1), new Candidate(3, T3),
                new Candidate(2, T2), new Candidate(4, T4)));
        assertEquals(List.of(1L, 5L, 2L, 3L, 4L), ranked.stream().map(Scored::tileId).toList());
        assertEquals(0.62f, ranked.getFirst().score(), 1e-6f);
        assertEquals(0.8f, ranked.getFirst().positive(), 1e-6f);
    }

    @Test
    void withoutNegativesTheScoreIsTheCosineAndOneQueryFetches() {
        RefinedScoring one = new RefinedScoring(List.of(P1), List.of());
        assertEquals(0.8f, one.score(T1), 1e-6f);
        assertEquals(-0.0f, one.score(T4), 1e-6f);
        assertEquals(1, one.candidateQueries().size());
        assertArrayEquals(P1, one.candidateQueries().getFirst(), 1e-6f);
        assertEquals(3, scoring.candidateQueries().size()); // Rocchio, then each positive
    }

    @Test
    void aNegativeTileNeverPassesATileThatWasAboveIt() {
        List<Candidate> all = List.of(new Candidate(1, T1), new Candidate(2, T2), new Candidate(3, T3),
                new Candidate(4, T4), new Candidate(5, T5), new Candidate(6, N));
        List<Long> before = new RefinedScoring(List.of(P1), List.of()).rank(all).stream().map(Scored::tileId).toList();
        assertEquals(List.of(1L, 3L, 5L, 2L, 4L, 6L), before);
        for (Candidate negative : all) {
            List<Long> after = new RefinedScoring(List.of(P1), List.of(negative.vector())).rank(all).stream()
                    .map(Scored::tileId).toList();
            List<Long> aboveBefore = before.subList(0, before.indexOf(negative.tileId()));
            List<Long> aboveAfter = after.subList(0, after.indexOf(negative.tileId()));
            assertTrue(aboveAfter.containsAll(aboveBefore), "negative " + negative.tileId() + ": " + before + " -> " + after);
        }
        // t3 as the negative: t5 0.60, t1 0.56, t3 0.10, t2 -0.24, n -0.32, t4 -0.40
        List<Long> afterT3 = new RefinedScoring(List.of(P1), List.of(T3)).rank(all).stream().map(Scored::tileId).toList();
        assertEquals(List.of(5L, 1L, 3L, 2L, 6L, 4L), afterT3);
    }

    @Test
    void scoresStayWithinMinusOneAndOne() {
        RefinedScoring harsh = new RefinedScoring(List.of(new float[] {-1, 0, 0}), List.of(P1));
        assertEquals(-1f, harsh.score(P1), 0f);   // -1 - 0.5 would leave the cosine range
        assertEquals(1f, harsh.score(new float[] {-1, 0, 0}), 0f);
    }

    @Test
    void refusesAQueryWithoutPositivesOrWithMixedDimensions() {
        assertThrows(SearchException.class, () -> new RefinedScoring(List.of(), List.of(N)));
        assertThrows(SearchException.class, () -> new RefinedScoring(List.of(P1), List.of(new float[] {1, 0})));
        assertEquals(RefinedScoring.MIN_CANDIDATES, RefinedScoring.candidates(10));
        assertEquals(400, RefinedScoring.candidates(100));
    }
}
