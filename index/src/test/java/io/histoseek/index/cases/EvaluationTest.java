package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics against a brute force written here from the definitions: every pair scored in
 * double precision, same-case items dropped, the top K counted, ties by summed similarity.
 */
class EvaluationTest {
    private static final List<Integer> KS = List.of(1, 5, 9);

    @Test
    void leaveOneCaseOutFiguresMatchABruteForce() {
        LabeledSet set = LabeledSet.generate(7, 24, 4, 60, 6, 2.0, 0.4);
        double minAgreement = 0.7;
        Evaluation viaSearchResults = Evaluation.of(Evaluation.Level.TILE, KS, OptionalDouble.of(minAgreement), viaFullRanking(set));
        Evaluation viaGroups = Evaluation.of(Evaluation.Level.TILE, KS, OptionalDouble.of(minAgreement), viaExactGroups(set));
        for (int k : KS) {
            Brute brute = brute(set, k, minAgreement);
            for (Evaluation e : List.of(viaSearchResults, viaGroups)) {
                Evaluation.AtK at = e.at(k);
                assertEquals(brute.accuracy, at.accuracy(), 1e-12, "accuracy@" + k);
                assertEquals(brute.balanced, at.balancedAccuracy(), 1e-12, "balanced@" + k);
                assertEquals(brute.abstained, at.abstainedShare(), 1e-12, "abstained@" + k);
                assertEquals(brute.answeredAccuracy, at.answeredAccuracy(), 1e-12, "answered@" + k);
                assertEquals(set.size(), at.confusion().total());
                assertTrue(at.majorityVote().isEmpty(), "mMV is a slide-level figure");
            }
        }
        // Leaving the case out matters here: with the case's other items voting, the answer is near perfect.
        double leftOut = viaGroups.at(1).accuracy();
        double caseIn = Evaluation.of(Evaluation.Level.TILE, KS, OptionalDouble.empty(), viaFullRanking(set, "no case")).at(1).accuracy();
        assertTrue(leftOut > 0.4 && leftOut < 0.9, "accuracy@1 " + leftOut);
        assertTrue(caseIn > leftOut + 0.1, "accuracy@1 with the case in " + caseIn + ", left out " + leftOut);
    }

    @Test
    void slideLevelMajorityVoteIsSishsPerClassMean() {
        // Slide queries with ranked slide ballots: the tie goes to the better-ranked label, unlike the vote.
        List<QueryResult> queries = List.of(
                new QueryResult("s1", new CaseLabel("a", "p1"), List.of(ballot("b", 0.9), ballot("a", 0.8), ballot("a", 0.7), ballot("b", 0.75))),
                new QueryResult("s2", new CaseLabel("a", "p2"), List.of(ballot("a", 0.9), ballot("a", 0.8), ballot("b", 0.7))),
                new QueryResult("s3", new CaseLabel("b", "p3"), List.of(ballot("a", 0.9), ballot("b", 0.2), ballot("b", 0.1))),
                new QueryResult("s4", new CaseLabel("c", "p4"), List.of()));
        Evaluation e = Evaluation.of(Evaluation.Level.SLIDE, List.of(1, 4), OptionalDouble.empty(), queries);
        // K=4: s1 ballots b,a,a,b -> counts 2:2, first ranked b -> wrong for mMV; the vote: a sums 1.5 > b 1.65? no: b wins 1.65.
        assertEquals("b", Vote.of(queries.get(0).ballots()).winner());
        assertEquals("b", Evaluation.majorityOfRanks(queries.get(0).ballots()));
        // mMV@4: class a: s1 wrong, s2 right -> 0.5; class b: s3 b=2 right -> 1; class c: no ballots -> 0. Mean 0.5.
        assertEquals(0.5, e.at(4).majorityVote().orElseThrow(), 1e-12);
        // mMV@1: a: s1 b wrong, s2 right -> .5; b: s3 a wrong -> 0; c: 0. Mean 1/6.
        assertEquals(1 / 6.0, e.at(1).majorityVote().orElseThrow(), 1e-12);
        // The query without ballots counts as a wrong answer, in the no-answer column.
        assertEquals(1, e.at(4).confusion().count("c", null));
        assertEquals(0.5, e.at(4).accuracy(), 1e-12);
        assertEquals((0.5 + 1 + 0) / 3, e.at(4).balancedAccuracy(), 1e-12);
        assertEquals(List.of("a", "b", "c"), e.classes());
        assertFalse(e.minAgreement().isPresent());
        assertTrue(Double.isNaN(e.at(4).answeredAccuracy()));
    }

    @Test
    void aClassWithOneItemIsOneQueryAndWeighsAsMuchAsTheOthers() {
        List<QueryResult> queries = new ArrayList<>();
        for (int i = 0; i < 9; i++) queries.add(new QueryResult("big" + i, new CaseLabel("big", "p" + i), List.of(ballot("big", 0.9))));
        queries.add(new QueryResult("lonely", new CaseLabel("rare", "q"), List.of(ballot("big", 0.8))));
        Evaluation e = Evaluation.of(Evaluation.Level.TILE, List.of(1), OptionalDouble.empty(), queries);
        assertEquals(0.9, e.at(1).accuracy(), 1e-12);
        assertEquals(0.5, e.at(1).balancedAccuracy(), 1e-12);
        assertEquals(1, e.at(1).confusion().support("rare"));
    }

    private static Ballot ballot(String label, double score) {
        return new Ballot(label, (float) score);
    }

    /** The archive's path: a full ranking (as a search returns it) filtered by the protocol. */
    private static List<QueryResult> viaFullRanking(LabeledSet set) {
        return viaFullRanking(set, null);
    }

    /** With {@code caseOverride} every query claims that case (so its own case votes too). */
    private static List<QueryResult> viaFullRanking(LabeledSet set, String caseOverride) {
        int maxK = KS.getLast();
        List<QueryResult> out = new ArrayList<>();
        for (int q = 0; q < set.size(); q++) {
            List<Match> all = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) if (i != q) all.add(new Match(i, Dot.of(set.vectors()[q], set.vectors()[i])));
            all.sort(Comparator.comparing(Match::score).reversed().thenComparingLong(Match::id));
            String queryCase = caseOverride != null ? caseOverride : set.labels().get(q).caseId();
            List<Ballot> ballots = LeaveOneCaseOut.ballots(queryCase, all, id -> set.labels().get((int) id), maxK);
            out.add(new QueryResult("item" + q, set.labels().get(q), ballots));
        }
        return out;
    }

    /** The tile folder's path: exact neighbours of other groups. */
    private static List<QueryResult> viaExactGroups(LabeledSet set) {
        Map<String, Integer> ids = new HashMap<>();
        int[] groups = new int[set.size()];
        for (int i = 0; i < set.size(); i++) groups[i] = ids.computeIfAbsent(set.labels().get(i).caseId(), c -> ids.size());
        List<List<Match>> neighbours = ExactNeighbours.leaveGroupOut(set.vectors(), groups, KS.getLast());
        List<QueryResult> out = new ArrayList<>();
        for (int q = 0; q < set.size(); q++) {
            List<Ballot> ballots = neighbours.get(q).stream()
                    .map(m -> new Ballot(set.labels().get((int) m.id()).label(), m.score())).toList();
            out.add(new QueryResult("item" + q, set.labels().get(q), ballots));
        }
        return out;
    }

    private record Brute(double accuracy, double balanced, double abstained, double answeredAccuracy) {
    }

    private static Brute brute(LabeledSet set, int k, double minAgreement) {
        int n = set.size();
        int correct = 0, abstained = 0, answered = 0, answeredCorrect = 0;
        Map<String, int[]> perClass = new TreeMap<>();
        for (int q = 0; q < n; q++) {
            CaseLabel truth = set.labels().get(q);
            List<double[]> scored = new ArrayList<>(); // {score, index}
            for (int i = 0; i < n; i++) {
                if (set.labels().get(i).caseId().equals(truth.caseId())) continue;
                double s = 0;
                for (int d = 0; d < set.vectors()[q].length; d++) s += (double) set.vectors()[q][d] * set.vectors()[i][d];
                scored.add(new double[] {s, i});
            }
            scored.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
            Map<String, Integer> votes = new TreeMap<>();
            Map<String, Double> sums = new TreeMap<>();
            int voters = Math.min(k, scored.size());
            for (int j = 0; j < voters; j++) {
                String label = set.labels().get((int) scored.get(j)[1]).label();
                votes.merge(label, 1, Integer::sum);
                sums.merge(label, scored.get(j)[0], Double::sum);
            }
            String winner = null;
            for (String label : votes.keySet()) { // alphabetical: an exact tie keeps the first
                if (winner == null || votes.get(label) > votes.get(winner)
                        || (votes.get(label).equals(votes.get(winner)) && sums.get(label) > sums.get(winner) + 1e-6)) {
                    winner = label;
                }
            }
            boolean right = truth.label().equals(winner);
            if (right) correct++;
            int[] c = perClass.computeIfAbsent(truth.label(), l -> new int[2]);
            if (right) c[0]++;
            c[1]++;
            double agreement = winner == null ? 0 : (double) votes.get(winner) / voters;
            if (winner == null || agreement < minAgreement) {
                abstained++;
            } else {
                answered++;
                if (right) answeredCorrect++;
            }
        }
        double balanced = perClass.values().stream().mapToDouble(c -> (double) c[0] / c[1]).average().orElseThrow();
        return new Brute((double) correct / n, balanced, (double) abstained / n,
                answered == 0 ? Double.NaN : (double) answeredCorrect / answered);
    }

    @Test
    void classesAreEveryTruthAndEveryVotedLabelInOrder() {
        Evaluation e = Evaluation.of(Evaluation.Level.TILE, List.of(1), OptionalDouble.empty(),
                List.of(new QueryResult("q", new CaseLabel("zeta", "p"), List.of(ballot("alpha", 0.3)))));
        assertEquals(new ArrayList<>(new TreeSet<>(List.of("zeta", "alpha"))), e.classes());
        assertEquals(1, e.at(1).confusion().count("zeta", "alpha"));
        assertTrue(Double.isNaN(e.at(1).confusion().recall("alpha")));
        assertEquals(0, e.at(1).balancedAccuracy(), 1e-12);
    }
}
