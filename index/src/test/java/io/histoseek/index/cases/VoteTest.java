package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoteTest {
    private static Ballot b(String label, double score) {
        return new Ballot(label, (float) score);
    }

    @Test
    void theMostVotesWinAndAgreementIsTheirShare() {
        Vote vote = Vote.of(List.of(b("tumour", 0.9), b("stroma", 0.95), b("tumour", 0.8), b("tumour", 0.7), b("stroma", 0.6)));
        assertEquals("tumour", vote.winner());
        assertEquals(0.6, vote.agreement(), 1e-12);
        assertEquals(5, vote.voters());
        assertEquals("tumour=3,stroma=2", vote.votesText());
        assertEquals(2.4, vote.tally().getFirst().summedScore(), 1e-6);
    }

    @Test
    void aTieGoesToTheSideWhoseSimilaritiesSumHigher() {
        // Two each: stroma's best is the best hit, but tumour's pair sums higher.
        Vote vote = Vote.of(List.of(b("stroma", 0.99), b("tumour", 0.9), b("tumour", 0.88), b("stroma", 0.7)));
        assertEquals("tumour", vote.winner());
        assertEquals(0.5, vote.agreement(), 1e-12);
        assertEquals("tumour=2,stroma=2", vote.votesText());
        Vote reversed = Vote.of(List.of(b("stroma", 0.99), b("tumour", 0.9), b("tumour", 0.5), b("stroma", 0.7)));
        assertEquals("stroma", reversed.winner());
    }

    @Test
    void anExactTieGoesToTheFirstLabelAlphabetically() {
        assertEquals("alpha", Vote.of(List.of(b("beta", 0.5), b("alpha", 0.5))).winner());
        assertEquals("alpha", Vote.of(List.of(b("alpha", 0.5), b("beta", 0.5))).winner());
    }

    @Test
    void belowTheMinimumAgreementTheVoteAbstains() {
        Vote vote = Vote.of(List.of(b("a", 0.9), b("a", 0.8), b("a", 0.7), b("b", 0.6), b("c", 0.5)));
        assertEquals(0.6, vote.agreement(), 1e-12);
        assertFalse(vote.abstains(0.6), "exactly the minimum answers");
        assertEquals(Optional.of("a"), vote.answer(0.6));
        assertTrue(vote.abstains(0.61));
        assertEquals(Optional.empty(), vote.answer(0.8));
        assertFalse(vote.abstains(0));
    }

    @Test
    void noBallotsNoWinner() {
        Vote vote = Vote.of(List.of());
        assertNull(vote.winner());
        assertEquals(0, vote.voters());
        assertTrue(vote.abstains(0));
        assertEquals("", vote.votesText());
    }
}
