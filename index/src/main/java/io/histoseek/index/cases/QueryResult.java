package io.histoseek.index.cases;

import java.util.List;

/**
 * One query of an evaluation: what it is (a tile or slide, for the per-query table), its true
 * label and case, and its ballots: the labeled neighbours of other cases, best first, as many as
 * the largest K.
 */
public record QueryResult(String query, CaseLabel truth, List<Ballot> ballots) {
    public QueryResult {
        ballots = List.copyOf(ballots);
    }

    /** The vote of the top {@code k} ballots. */
    public Vote vote(int k) {
        return Vote.of(ballots.subList(0, Math.min(k, ballots.size())));
    }
}
