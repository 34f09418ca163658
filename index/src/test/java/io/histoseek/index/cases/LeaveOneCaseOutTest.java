package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LeaveOneCaseOutTest {
    private static final Map<Long, CaseLabel> LABELS = Map.of(
            1L, new CaseLabel("tumour", "patient-1"),
            2L, new CaseLabel("tumour", "patient-2"),
            3L, new CaseLabel("stroma", "patient-1"),
            5L, new CaseLabel("stroma", "patient-3"),
            6L, new CaseLabel("tumour", "patient-3"));

    @Test
    void theQuerysCaseAndUnlabeledItemsNeverVote() {
        List<Match> bestFirst = List.of(new Match(1, 0.99f), new Match(3, 0.98f), new Match(4, 0.97f),
                new Match(2, 0.9f), new Match(5, 0.8f), new Match(6, 0.7f));
        List<Ballot> ballots = LeaveOneCaseOut.ballots("patient-1", bestFirst, LABELS::get, 2);
        assertEquals(List.of(new Ballot("tumour", 0.9f), new Ballot("stroma", 0.8f)), ballots);
        assertEquals(3, LeaveOneCaseOut.ballots("patient-1", bestFirst, LABELS::get, 10).size());
        assertEquals(List.of(new Ballot("tumour", 0.99f), new Ballot("stroma", 0.98f)),
                LeaveOneCaseOut.ballots("patient-9", bestFirst, LABELS::get, 2));
        assertThrows(IllegalArgumentException.class, () -> LeaveOneCaseOut.ballots("p", bestFirst, LABELS::get, 0));
    }
}
