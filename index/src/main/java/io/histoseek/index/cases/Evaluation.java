package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The figures of a retrieval evaluation, computed from its queries' ballots for each K:
 * accuracy and balanced accuracy of the majority vote (every query counted, no abstention; a query
 * without ballots counts as wrong), and with a minimum agreement the share that abstains and the
 * accuracy of the rest; at slide level also mMV@K (SISH's majority vote, see {@link #majorityOfRanks}).
 * The command line, the report and the desktop app all read their numbers from here.
 */
public record Evaluation(Level level, List<Integer> ks, OptionalDouble minAgreement, List<QueryResult> queries,
                         List<String> classes, List<AtK> atK) {
    public enum Level { TILE, SLIDE }

    /** The figures at one K. {@code majorityVote} (mMV@K) is present at slide level only. */
    public record AtK(int k, Confusion confusion, double accuracy, double balancedAccuracy, long abstained, long answered,
                      long answeredCorrect, OptionalDouble majorityVote) {
        public double abstainedShare() {
            long total = abstained + answered;
            return total == 0 ? Double.NaN : (double) abstained / total;
        }

        /** Accuracy over the queries that did not abstain; NaN when all abstained. */
        public double answeredAccuracy() {
            return answered == 0 ? Double.NaN : (double) answeredCorrect / answered;
        }
    }

    public Evaluation {
        ks = List.copyOf(ks);
        queries = List.copyOf(queries);
        classes = List.copyOf(classes);
        atK = List.copyOf(atK);
    }

    public static Evaluation of(Level level, List<Integer> ks, OptionalDouble minAgreement, List<QueryResult> queries) {
        if (ks.isEmpty()) throw new IllegalArgumentException("no K to evaluate at");
        TreeSet<String> labels = new TreeSet<>();
        for (QueryResult q : queries) {
            labels.add(q.truth().label());
            for (Ballot b : q.ballots()) labels.add(b.label());
        }
        List<String> classes = List.copyOf(labels);
        List<AtK> atK = new ArrayList<>(ks.size());
        for (int k : ks) atK.add(at(k, level, minAgreement, classes, queries));
        return new Evaluation(level, ks, minAgreement, queries, classes, atK);
    }

    private static AtK at(int k, Level level, OptionalDouble minAgreement, List<String> classes, List<QueryResult> queries) {
        Confusion confusion = new Confusion(classes);
        Map<String, long[]> majorityHits = new LinkedHashMap<>(); // label -> {right, queries}
        long abstained = 0, answered = 0, answeredCorrect = 0;
        for (QueryResult q : queries) {
            Vote vote = q.vote(k);
            String truth = q.truth().label();
            confusion.add(truth, vote.winner());
            if (minAgreement.isPresent()) {
                if (vote.abstains(minAgreement.getAsDouble())) {
                    abstained++;
                } else {
                    answered++;
                    if (vote.winner().equals(truth)) answeredCorrect++;
                }
            }
            if (level == Level.SLIDE) {
                String majority = majorityOfRanks(q.ballots().subList(0, Math.min(k, q.ballots().size())));
                long[] counts = majorityHits.computeIfAbsent(truth, l -> new long[2]);
                if (truth.equals(majority)) counts[0]++;
                counts[1]++;
            }
        }
        OptionalDouble mmv = OptionalDouble.empty();
        if (level == Level.SLIDE && !majorityHits.isEmpty()) {
            mmv = OptionalDouble.of(majorityHits.values().stream().mapToDouble(c -> (double) c[0] / c[1]).average().orElseThrow());
        }
        return new AtK(k, confusion, confusion.accuracy(), confusion.balancedAccuracy(), abstained, answered, answeredCorrect, mmv);
    }

    /**
     * SISH's majority vote of ranked slides: the label with most of the ballots, a tie going to the
     * label met first in rank order (Python's {@code Counter.most_common}). mMV@K is the mean over
     * classes of the share of a class's query slides whose vote is right. Null for no ballots.
     */
    static String majorityOfRanks(List<Ballot> bestFirst) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Ballot b : bestFirst) counts.merge(b.label(), 1, Integer::sum);
        String best = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    public AtK at(int k) {
        return atK.stream().filter(a -> a.k() == k).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not evaluated at K=" + k));
    }
}
