package io.histoseek.index.search;

import io.histoseek.model.support.DaemonThreads;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.VectorFilter;
import io.histoseek.index.cases.Ballot;
import io.histoseek.index.cases.CaseLabel;
import io.histoseek.index.cases.Evaluation;
import io.histoseek.index.cases.Progress;
import io.histoseek.index.cases.QueryResult;
import io.histoseek.index.cases.SlideRanking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leave-one-case-out retrieval over an archive's labeled tiles (or a seeded sample of them) or
 * labeled slides. Each query's ballots come from a search whose filter keeps only labeled slides
 * of other cases, so the exclusion happens inside the vector search and every hit is a ballot.
 * Searches run on several threads, a slide's queries together; the result is the same whatever
 * the threads (queries in slide, then tile order).
 */
public final class ArchiveEvaluation {
    /**
     * @param sample     at tile level, how many labeled tiles to query (empty: all), drawn with {@code seed}
     * @param candidates approximate candidates per search before the exact re-rank (0: the engine's default)
     */
    public record Options(Evaluation.Level level, List<Integer> ks, OptionalDouble minAgreement, OptionalInt sample, long seed,
                          int threads, int candidates) {
        public Options {
            ks = List.copyOf(ks);
            if (ks.isEmpty()) throw new IllegalArgumentException("no K to evaluate at");
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }

        int maxK() {
            return ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
        }
    }

    private final Archive archive;
    private final ArchiveLabels labels;
    private final Map<Long, SlideRecord> slides = new HashMap<>();

    public ArchiveEvaluation(Archive archive) {
        this.archive = archive;
        this.labels = ArchiveLabels.of(archive);
        for (SlideRecord slide : archive.slides()) slides.put(slide.id(), slide);
    }

    public Evaluation run(Options options, Progress progress) {
        if (labels.isEmpty()) {
            throw new ArchiveException(archive.address() + ": no slide has a label; import some with `histoseek labels --archive "
                    + archive.address() + " --import FILE.csv`");
        }
        List<QueryResult> queries = options.level() == Evaluation.Level.TILE ? tiles(options, progress) : slides(options, progress);
        if (queries.isEmpty()) {
            throw new ArchiveException(archive.address() + ": the labeled slides hold no tiles (index them first)");
        }
        return Evaluation.of(options.level(), options.ks(), options.minAgreement(), queries);
    }

    // ---- tile level ----

    private record Query(long tileId, long x, long y) {
    }

    private List<QueryResult> tiles(Options options, Progress progress) {
        Map<Long, Long> slideOfTile = new HashMap<>();
        List<long[]> labeledTiles = new ArrayList<>(); // {slide, tile, x, y}
        archive.forEachTile((path, tile) -> {
            if (labels.caseLabel(tile.slideId()) == null) return;
            slideOfTile.put(tile.id(), tile.slideId());
            labeledTiles.add(new long[] {tile.slideId(), tile.id(), tile.x(), tile.y()});
        });
        List<long[]> chosen = labeledTiles;
        if (options.sample().isPresent() && options.sample().getAsInt() < labeledTiles.size()) {
            chosen = new ArrayList<>(labeledTiles);
            Collections.shuffle(chosen, new Random(options.seed()));
            chosen = chosen.subList(0, options.sample().getAsInt());
        }
        Map<Long, Map<Long, Query>> bySlide = new LinkedHashMap<>();
        chosen.stream().sorted((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]))
                .forEach(t -> bySlide.computeIfAbsent(t[0], s -> new LinkedHashMap<>()).put(t[1], new Query(t[1], t[2], t[3])));
        long total = chosen.size();
        AtomicLong done = new AtomicLong();
        progress.update("searching tiles", 0, total);
        List<List<QueryResult>> perSlide = parallel(options.threads(), new ArrayList<>(bySlide.entrySet()), slide -> {
            long slideId = slide.getKey();
            Map<Long, Query> wanted = slide.getValue();
            VectorFilter voters = labels.voters(slideId);
            CaseLabel truth = labels.caseLabel(slideId);
            String path = slides.get(slideId).path();
            List<QueryResult> results = new ArrayList<>(wanted.size());
            archive.vectors().forEachVectorOfSlide(slideId, (tileId, vector) -> {
                Query query = wanted.get(tileId);
                if (query == null) return;
                List<Neighbor> hits = archive.vectors().search(vector, options.maxK(), options.candidates(), voters);
                List<Ballot> ballots = CaseVotes.ballots(hits, tile -> slideOfTile.getOrDefault(tile, -1L), labels);
                results.add(new QueryResult(path + "@" + query.x() + "," + query.y(), truth, ballots));
                progress.update("searching tiles", done.incrementAndGet(), total);
            });
            return results;
        });
        List<QueryResult> all = new ArrayList<>();
        perSlide.forEach(all::addAll);
        return all;
    }

    // ---- slide level ----

    private List<QueryResult> slides(Options options, Progress progress) {
        Map<Long, Long> tileCounts = archive.tileCountsBySlide();
        List<Long> queries = labels.all().keySet().stream().filter(id -> tileCounts.getOrDefault(id, 0L) > 0).sorted().toList();
        SimilarSlides similar = new SimilarSlides(archive);
        AtomicLong done = new AtomicLong();
        progress.update("ranking slides", 0, queries.size());
        return parallel(options.threads(), queries, slideId -> {
            List<SlideRanking.RankedSlide> ranked = similar.rank(similar.mosaic(slideId), labels.voters(slideId), SimilarSlides.HITS_PER_TILE);
            List<Ballot> ballots = new ArrayList<>(options.maxK());
            for (SlideRanking.RankedSlide r : ranked.subList(0, Math.min(options.maxK(), ranked.size()))) {
                ballots.add(new Ballot(labels.caseLabel(r.slideId()).label(), (float) r.score()));
            }
            progress.update("ranking slides", done.incrementAndGet(), queries.size());
            return new QueryResult(slides.get(slideId).path(), labels.caseLabel(slideId), ballots);
        });
    }

    @FunctionalInterface
    private interface Work<I, O> {
        O run(I input);
    }

    /** Runs {@code work} on every input on {@code threads} threads; results in input order. */
    private static <I, O> List<O> parallel(int threads, List<I> inputs, Work<I, O> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("evaluation"));
        try {
            List<Future<O>> futures = new ArrayList<>(inputs.size());
            for (I input : inputs) futures.add(pool.submit(() -> work.run(input)));
            List<O> out = new ArrayList<>(inputs.size());
            for (Future<O> f : futures) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
