package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A majority vote of labeled neighbours. Each ballot counts once; the label with most votes wins,
 * a tie goes to the side whose similarities sum higher, and a tie in that too (exactly equal sums)
 * to the label first in alphabetical order, so the same ballots always give the same answer.
 * {@code agreement} is the winner's share of the ballots. A vote with no ballots has no winner.
 */
public record Vote(String winner, double agreement, int voters, List<Tally> tally) {
    /** One label's side: its votes and their summed cosine similarity. */
    public record Tally(String label, int votes, double summedScore) {
    }

    /** Winner first, then by votes, summed similarity and label. */
    private static final Comparator<Tally> RANK = Comparator.comparingInt(Tally::votes).reversed()
            .thenComparing(Comparator.comparingDouble(Tally::summedScore).reversed())
            .thenComparing(Tally::label);

    public Vote {
        tally = List.copyOf(tally);
    }

    /** The vote of every ballot given (pass the top K). */
    public static Vote of(List<Ballot> ballots) {
        Map<String, int[]> votes = new LinkedHashMap<>();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Ballot ballot : ballots) {
            votes.computeIfAbsent(ballot.label(), l -> new int[1])[0]++;
            sums.computeIfAbsent(ballot.label(), l -> new double[1])[0] += ballot.score();
        }
        List<Tally> tally = new ArrayList<>(votes.size());
        votes.forEach((label, count) -> tally.add(new Tally(label, count[0], sums.get(label)[0])));
        tally.sort(RANK);
        if (tally.isEmpty()) return new Vote(null, 0, 0, tally);
        Tally first = tally.getFirst();
        return new Vote(first.label(), (double) first.votes() / ballots.size(), ballots.size(), tally);
    }

    /** True when there is no winner or it has less than {@code minAgreement} of the ballots. */
    public boolean abstains(double minAgreement) {
        return winner == null || agreement < minAgreement;
    }

    /** The winner, unless the vote abstains at {@code minAgreement}. */
    public Optional<String> answer(double minAgreement) {
        return abstains(minAgreement) ? Optional.empty() : Optional.of(winner);
    }

    /** {@code NAME=4,OTHER=1}: the sides in rank order. */
    public String votesText() {
        return tally.stream().map(t -> t.label() + "=" + t.votes()).collect(Collectors.joining(","));
    }
}
