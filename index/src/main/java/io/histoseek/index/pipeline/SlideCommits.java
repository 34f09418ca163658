package io.histoseek.index.pipeline;

import io.histoseek.index.store.NewTile;
import io.histoseek.index.store.SlideMetadata;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Commits embedded slides on a thread of their own, one at a time, so the encoder goes on with
 * the next slide while the last one is written and added to the HNSW graph (inserting into a
 * large graph costs about as much per tile as a GPU forward pass). At most one slide waits, so
 * memory holds at most two slides' vectors.
 */
final class SlideCommits implements AutoCloseable {
    /** A slide whose tiles are embedded, ready to commit. */
    record Pending(String slide, SlideMetadata metadata, List<NewTile> tiles) {}

    private final SlideCommitter committer;
    private final StageTimes times;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("slide-commit").daemon().unstarted(task));
    private Future<SlideOutcome> inFlight;

    SlideCommits(SlideCommitter committer, StageTimes times) {
        this.committer = committer;
        this.times = times;
    }

    /** Waits for the previous slide's commit (returning its outcome), then starts this one's. */
    Optional<SlideOutcome> submit(Pending slide) throws InterruptedException {
        Optional<SlideOutcome> previous = awaitLast();
        inFlight = thread.submit(() -> {
            long start = System.nanoTime();
            committer.commit(slide.metadata(), slide.tiles());
            times.addStore(System.nanoTime() - start);
            return new SlideOutcome(slide.slide(), SlideOutcome.Status.EMBEDDED, slide.tiles().size(), "");
        });
        return previous;
    }

    /** The outcome of the commit in flight, once done; its failure (a full disk) is rethrown. */
    Optional<SlideOutcome> awaitLast() throws InterruptedException {
        if (inFlight == null) {
            return Optional.empty();
        }
        Future<SlideOutcome> last = inFlight;
        inFlight = null;
        try {
            return Optional.of(last.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lets a commit in flight end (the store must not close under it), then stops the thread. */
    @Override
    public void close() {
        if (inFlight != null) {
            try {
                inFlight.get();
            } catch (ExecutionException ignored) {
                // The run is already failing with its own error; this commit rolled itself back.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight = null;
        }
        thread.shutdown();
    }
}
