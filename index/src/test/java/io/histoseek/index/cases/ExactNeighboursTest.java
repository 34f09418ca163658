package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExactNeighboursTest {
    @Test
    void theKBestOfOtherGroupsInOrder() {
        LabeledSet set = LabeledSet.generate(21, 16, 3, 25, 4, 0.5, 0.5);
        int[] groups = new int[set.size()];
        for (int i = 0; i < groups.length; i++) groups[i] = Integer.parseInt(set.labels().get(i).caseId().substring(5));
        List<List<Match>> got = ExactNeighbours.leaveGroupOut(set.vectors(), groups, 7);
        for (int q = 0; q < set.size(); q++) {
            List<Match> all = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                if (groups[i] != groups[q]) all.add(new Match(i, Dot.of(set.vectors()[q], set.vectors()[i])));
            }
            all.sort(Comparator.comparing(Match::score).reversed().thenComparingLong(Match::id));
            assertEquals(all.subList(0, 7), got.get(q), "query " + q);
        }
    }

    @Test
    void equalScoresKeepTheLowerIndexAndFewerCandidatesThanKAreAllReturned() {
        float[] same = Dot.normalized(new float[] {1, 1});
        float[][] vectors = {same, same, same, same};
        List<List<Match>> got = ExactNeighbours.leaveGroupOut(vectors, new int[] {0, 1, 2, 2}, 2);
        assertEquals(List.of(1L, 2L), got.get(0).stream().map(Match::id).toList());
        assertEquals(List.of(0L, 1L), got.get(3).stream().map(Match::id).toList());
        assertEquals(3, ExactNeighbours.leaveGroupOut(vectors, new int[] {0, 1, 2, 3}, 10).get(0).size());
    }
}
