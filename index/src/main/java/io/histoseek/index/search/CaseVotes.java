package io.histoseek.index.search;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.TileLocation;
import io.histoseek.index.cases.Ballot;
import io.histoseek.index.cases.CaseLabel;
import io.histoseek.index.cases.Vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * The vote of a query's nearest labeled tiles from other cases (the query's own slide and every
 * slide of its case are filtered out inside the vector search, unlabeled slides too, so the K
 * hits are K ballots). Talks to the {@link Archive} API only.
 */
public final class CaseVotes {
    private final Archive archive;
    private final ArchiveLabels labels;

    public CaseVotes(Archive archive, ArchiveLabels labels) {
        this.archive = archive;
        this.labels = labels;
    }

    /** The top {@code k} ballots of a normalized query from slide {@code querySlideId} (-1: from no slide of the archive). */
    public List<Ballot> ballots(float[] query, long querySlideId, int k, int candidates) {
        List<Neighbor> hits = archive.vectors().search(query, k, candidates, labels.voters(querySlideId));
        Map<Long, TileLocation> places = archive.locations(hits.stream().map(Neighbor::tileId).toList());
        return ballots(hits, tile -> {
            TileLocation place = places.get(tile);
            return place == null ? -1 : place.slide().id();
        }, labels);
    }

    public Vote vote(float[] query, long querySlideId, int k, int candidates) {
        return Vote.of(ballots(query, querySlideId, k, candidates));
    }

    /** Ballots of hits (best first) whose tiles the archive holds on a labeled slide. {@code slideOf} gives -1 for a tile it lacks. */
    static List<Ballot> ballots(List<Neighbor> hits, LongUnaryOperator slideOf, ArchiveLabels labels) {
        List<Ballot> ballots = new ArrayList<>(hits.size());
        for (Neighbor hit : hits) {
            long slide = slideOf.applyAsLong(hit.tileId());
            CaseLabel label = slide < 0 ? null : labels.caseLabel(slide);
            if (label != null) ballots.add(new Ballot(label.label(), hit.score()));
        }
        return ballots;
    }
}
