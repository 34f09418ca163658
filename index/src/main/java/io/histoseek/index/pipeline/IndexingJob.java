package io.histoseek.index.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A running indexing job, for the command line and the GUI's wizard: start it with folders and
 * options, watch it through an {@link IndexingListener}, pause, resume or cancel it.
 *
 * <p>Cancel stops at a safe point within seconds: the encoder gives up between two steps of its
 * forward pass, the slide being embedded is rolled back (its transaction never commits), the
 * HNSW index is saved and the archive closed; a later run with the same folders picks up where
 * this one stopped.
 */
public final class IndexingJob {
    private final PauseGate pause = new PauseGate();
    private final CompletableFuture<IndexingSummary> result = new CompletableFuture<>();
    private volatile boolean cancelled;

    private IndexingJob() {}

    public static IndexingJob start(IndexingRequest request, IndexingListener listener) {
        IndexingJob job = new IndexingJob();
        Thread.ofPlatform().name("indexing").start(() -> {
            try {
                job.result.complete(new Indexer(request, listener, () -> job.cancelled, job.pause).run());
            } catch (Throwable e) {
                job.result.completeExceptionally(e);
            }
        });
        return job;
    }

    public void pause() { pause.pause(); }

    public void resume() { pause.resume(); }

    public boolean isPaused() { return pause.isPaused(); }

    public void cancel() {
        cancelled = true;
        pause.resume();
    }

    public boolean isCancelled() { return cancelled; }

    public boolean isDone() { return result.isDone(); }

    /** Waits for the end of the job; its failure (a bad archive, a wrong checkpoint) is rethrown as is. */
    public IndexingSummary await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Completes with the summary or the failure: for a UI that reacts when the job ends instead of waiting. */
    public CompletableFuture<IndexingSummary> completion() {
        return result.copy();
    }
}
