package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The leave-one-case-out protocol: a query is answered only by labeled items of other cases, so
 * neither the query itself nor a neighbouring tile, a serial section or another slide of the same
 * patient can vote for it.
 */
public final class LeaveOneCaseOut {
    private LeaveOneCaseOut() {
    }

    /**
     * The first {@code k} neighbours (given best first) that carry a label and whose case differs
     * from {@code queryCase}. {@code labels} returns null for an unlabeled item.
     */
    public static List<Ballot> ballots(String queryCase, List<Match> bestFirst, LongFunction<CaseLabel> labels, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1: " + k);
        List<Ballot> ballots = new ArrayList<>(Math.min(k, bestFirst.size()));
        for (Match match : bestFirst) {
            CaseLabel label = labels.apply(match.id());
            if (label == null || label.caseId().equals(queryCase)) continue;
            ballots.add(new Ballot(label.label(), match.score()));
            if (ballots.size() == k) break;
        }
        return ballots;
    }
}
