package io.histoseek.index.search;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.cases.Ballot;
import io.histoseek.index.cases.CaseLabel;
import io.histoseek.index.cases.Evaluation;
import io.histoseek.index.cases.Mosaic;
import io.histoseek.index.cases.Progress;
import io.histoseek.index.cases.QueryResult;
import io.histoseek.index.cases.SlideRanking;
import io.histoseek.index.cases.Vote;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vote, slide search and evaluation over a real archive (SQLite + Lucene), against answers
 * computed here by brute force over every vector the archive was given. The index is approximate,
 * so figures are compared within a small tolerance; serial sections of one case are near copies,
 * so a leak of the query's case into the ballots would show as a jump in accuracy.
 */
class CaseSearchTest {
    static final List<Integer> KS = List.of(1, 5);
    static final int DIM = 32;

    @TempDir
    static Path dir;
    static LabeledArchive data;

    @BeforeAll
    static void build() {
        data = LabeledArchive.build(dir.resolve("archive"), 3, DIM, 4, 16, 3);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    /** Every labeled tile of another case, best first. */
    private static List<Ballot> bruteBallots(float[] query, String queryCase, int k) {
        List<Object[]> scored = new ArrayList<>();
        for (LabeledArchive.Slide s : data.labeled()) {
            if (s.caseId().equals(queryCase)) continue;
            for (float[] v : s.vectors()) scored.add(new Object[] {dot(query, v), s.label()});
        }
        scored.sort(Comparator.comparingDouble(o -> -(double) o[0]));
        return scored.subList(0, Math.min(k, scored.size())).stream().map(o -> new Ballot((String) o[1], (float) (double) o[0])).toList();
    }

    @Test
    void theVoteLeavesTheQuerysCaseOutAndMatchesABruteForce() {
        try (Archive archive = Archives.openForReading(data.folder)) {
            CaseVotes votes = new CaseVotes(archive, ArchiveLabels.of(archive));
            int same = 0;
            int checked = 0;
            for (LabeledArchive.Slide slide : data.slides) {
                float[] query = slide.vectors().getFirst();
                List<Ballot> got = votes.ballots(query, slide.id(), 5, 0);
                String queryCase = slide.label() != null ? slide.caseId() : "slide:" + slide.id();
                List<Ballot> expected = bruteBallots(query, queryCase, 5);
                assertEquals(expected.size(), got.size());
                if (Vote.of(got).winner().equals(Vote.of(expected).winner())) same++;
                for (int i = 0; i < got.size(); i++) assertEquals(expected.get(i).score(), got.get(i).score(), 0.02f, slide.path() + " ballot " + i);
                checked++;
            }
            assertTrue(same >= checked - 1, same + " of " + checked + " votes as the brute force");
        }
    }

    @Test
    void tileLevelEvaluationMatchesABruteForceWithinTolerance() {
        Evaluation got;
        try (Archive archive = Archives.openForReading(data.folder)) {
            got = new ArchiveEvaluation(archive).run(new ArchiveEvaluation.Options(Evaluation.Level.TILE, KS, OptionalDouble.of(0.7),
                    OptionalInt.empty(), 1, 2, 0), Progress.NONE);
        }
        List<QueryResult> brute = new ArrayList<>();
        List<QueryResult> leaky = new ArrayList<>();
        for (LabeledArchive.Slide s : data.labeled()) {
            for (float[] v : s.vectors()) {
                brute.add(new QueryResult("q", new CaseLabel(s.label(), s.caseId()), bruteBallots(v, s.caseId(), 5)));
                leaky.add(new QueryResult("q", new CaseLabel(s.label(), s.caseId()), bruteBallots(v, "slide:" + s.id(), 5)));
            }
        }
        assertEquals(brute.size(), got.queries().size());
        Evaluation expected = Evaluation.of(Evaluation.Level.TILE, KS, OptionalDouble.of(0.7), brute);
        Evaluation caseIn = Evaluation.of(Evaluation.Level.TILE, KS, OptionalDouble.of(0.7), leaky);
        for (int k : KS) {
            assertEquals(expected.at(k).accuracy(), got.at(k).accuracy(), 0.01, "accuracy@" + k);
            assertEquals(expected.at(k).balancedAccuracy(), got.at(k).balancedAccuracy(), 0.01, "balanced@" + k);
            assertEquals(expected.at(k).abstainedShare(), got.at(k).abstainedShare(), 0.01, "abstained@" + k);
            assertEquals(expected.at(k).answeredAccuracy(), got.at(k).answeredAccuracy(), 0.01, "answered@" + k);
        }
        assertTrue(caseIn.at(1).accuracy() > got.at(1).accuracy() + 0.05,
                "serial sections would vote for each other: " + caseIn.at(1).accuracy() + " vs " + got.at(1).accuracy());
    }

    @Test
    void anArchiveWithoutLabelsOrWithoutLabeledTilesIsOneLine() {
        Path bare = dir.resolve("bare");
        try (ArchiveWriter writer = Archives.openForWriting(bare, WriterOptions.of("test").creatingWithRoot(dir.resolve("bare-slides")))) {
            writer.bindModel(new ModelIdentity("fp", "test", DIM));
            long pending = writer.markPending(new SlideMetadata("p.svs", 1, 1, "q", "t", 0.5, "slide", 10, 10)).id();
            var options = new ArchiveEvaluation.Options(Evaluation.Level.TILE, KS, OptionalDouble.empty(), OptionalInt.empty(), 1, 1, 0);
            ArchiveException none = assertThrows(ArchiveException.class, () -> new ArchiveEvaluation(writer).run(options, Progress.NONE));
            assertTrue(none.getMessage().startsWith(bare + ": no slide has a label"), none.getMessage());
            writer.putLabels(List.of(new SlideLabel(pending, "x", null)));
            ArchiveException empty = assertThrows(ArchiveException.class, () -> new ArchiveEvaluation(writer).run(options, Progress.NONE));
            assertEquals(bare + ": the labeled slides hold no tiles (index them first)", empty.getMessage());
        }
    }

    @Test
    void aSampleIsSeededAndSized() {
        try (Archive archive = Archives.openForReading(data.folder)) {
            ArchiveEvaluation evaluation = new ArchiveEvaluation(archive);
            var options = new ArchiveEvaluation.Options(Evaluation.Level.TILE, KS, OptionalDouble.empty(), OptionalInt.of(50), 7, 2, 0);
            Evaluation first = evaluation.run(options, Progress.NONE);
            Evaluation again = evaluation.run(options, Progress.NONE);
            assertEquals(50, first.queries().size());
            assertEquals(first.queries().stream().map(QueryResult::query).toList(), again.queries().stream().map(QueryResult::query).toList());
            Evaluation other = evaluation.run(new ArchiveEvaluation.Options(Evaluation.Level.TILE, KS, OptionalDouble.empty(),
                    OptionalInt.of(50), 8, 1, 0), Progress.NONE);
            assertTrue(!first.queries().stream().map(QueryResult::query).toList().equals(other.queries().stream().map(QueryResult::query).toList()));
        }
    }

    @Test
    void slideLevelEvaluationFollowsYottixelsRuleAgainstABruteForce() {
        Evaluation got;
        try (Archive archive = Archives.openForReading(data.folder)) {
            got = new ArchiveEvaluation(archive).run(new ArchiveEvaluation.Options(Evaluation.Level.SLIDE, KS, OptionalDouble.empty(),
                    OptionalInt.empty(), 1, 2, 0), Progress.NONE);
        }
        List<QueryResult> brute = new ArrayList<>();
        for (LabeledArchive.Slide q : data.labeled()) {
            List<float[]> mosaic = new ArrayList<>();
            for (int i : Mosaic.select(q.vectors(), Mosaic.MAX_TILES, Mosaic.SEED)) mosaic.add(q.vectors().get(i));
            List<Object[]> ranked = new ArrayList<>();
            for (LabeledArchive.Slide s : data.labeled()) {
                if (s.caseId().equals(q.caseId())) continue;
                double[] best = new double[mosaic.size()];
                for (int m = 0; m < mosaic.size(); m++) {
                    best[m] = -2;
                    for (float[] v : s.vectors()) best[m] = Math.max(best[m], dot(mosaic.get(m), v));
                }
                Arrays.sort(best);
                int mid = best.length / 2;
                ranked.add(new Object[] {best.length % 2 == 1 ? best[mid] : (best[mid - 1] + best[mid]) / 2, s.label()});
            }
            ranked.sort(Comparator.comparingDouble(o -> -(double) o[0]));
            brute.add(new QueryResult(q.path(), new CaseLabel(q.label(), q.caseId()),
                    ranked.subList(0, 5).stream().map(o -> new Ballot((String) o[1], (float) (double) o[0])).toList()));
        }
        Evaluation expected = Evaluation.of(Evaluation.Level.SLIDE, KS, OptionalDouble.empty(), brute);
        assertEquals(expected.queries().size(), got.queries().size());
        for (int k : KS) {
            assertEquals(expected.at(k).accuracy(), got.at(k).accuracy(), 0.03, "accuracy@" + k);
            assertEquals(expected.at(k).majorityVote().orElseThrow(), got.at(k).majorityVote().orElseThrow(), 0.03, "mMV@" + k);
        }
        // The top slide's score is the rule's: the median of best matches (within the index's approximation).
        for (int i = 0; i < brute.size(); i++) {
            assertEquals(brute.get(i).ballots().getFirst().score(), got.queries().get(i).ballots().getFirst().score(), 0.02f);
        }
    }

    @Test
    void aSearchLimitedToOneLabelReturnsOnlyItsSlides() {
        try (Archive archive = Archives.openForReading(data.folder)) {
            ArchiveLabels labels = ArchiveLabels.of(archive);
            java.util.Set<Long> classB = labels.all().values().stream().filter(l -> l.label().equals("class-b"))
                    .map(io.histoseek.index.archive.SlideLabel::slideId).collect(java.util.stream.Collectors.toSet());
            LabeledArchive.Slide query = data.labeled().stream().filter(s -> s.label().equals("class-a")).findFirst().orElseThrow();
            ArchiveSearcher searcher = new ArchiveSearcher(archive, null);
            List<SearchHit> hits = searcher.searchPoint(archive.resolve(query.path()), 0, 0, new SearchOptions(20, true, 0, 0).onlyFrom(classB));
            assertEquals(20, hits.size());
            for (SearchHit hit : hits) assertTrue(classB.contains(hit.slide().id()), hit.slide().path());
            java.util.Set<Long> withQuery = new java.util.HashSet<>(classB);
            withQuery.add(query.id());
            List<SearchHit> noOwn = searcher.searchPoint(archive.resolve(query.path()), 0, 0, new SearchOptions(5, true, 0, 0).onlyFrom(withQuery));
            for (SearchHit hit : noOwn) assertTrue(hit.slide().id() != query.id(), "the query slide stays out");
            List<SearchHit> own = searcher.searchPoint(archive.resolve(query.path()), 0, 0, new SearchOptions(1, false, 0, 0).onlyFrom(withQuery));
            assertEquals(query.id(), own.getFirst().slide().id(), "without exclusion the query's own tile is the best hit");
        }
    }

    @Test
    void similarSlidesNeverReturnTheQuerysCase() {
        try (Archive archive = Archives.openForReading(data.folder)) {
            ArchiveLabels labels = ArchiveLabels.of(archive);
            SimilarSlides similar = new SimilarSlides(archive);
            for (LabeledArchive.Slide q : data.slides.subList(data.slides.size() - 8, data.slides.size())) {
                List<SlideRanking.RankedSlide> ranked = similar.rank(similar.mosaic(q.id()), labels.otherCases(q.id()), SimilarSlides.HITS_PER_TILE);
                for (SlideRanking.RankedSlide r : ranked) {
                    assertTrue(!labels.caseSlides(q.id()).contains(r.slideId()), q.path() + " got its own case back");
                }
                assertTrue(ranked.size() >= data.slides.size() - 4, "most slides are ranked: " + ranked.size());
            }
        }
    }
}
