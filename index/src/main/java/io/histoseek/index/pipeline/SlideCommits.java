package io.histoseek.index.pipeline;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideWrite;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes embedded slides to the archive on a thread of its own, so the encoder goes on while
 * vectors go into the engine's graph (inserting costs about as much per tile as a GPU forward
 * pass) and slides are committed. Batches pass through a queue of {@value #QUEUED} steps: the
 * encoder blocks when the writer falls behind, so the heap holds a bounded number of batches
 * whatever the slide's size. Steps run in order, so a slide's vectors never slip into the commit
 * of the slide before it.
 */
final class SlideCommits implements AutoCloseable {
    private static final int QUEUED = 4;
    private static final Step STOP = () -> { };

    /** Work for the writer thread; a step skipped after an earlier failure is told so. */
    private interface Step {
        void run();

        default void skipped(RuntimeException cause) {
        }
    }

    private final ArchiveWriter archive;
    private final StageTimes times;
    private final BlockingQueue<Step> steps = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    /** The first failure on the writer thread (a full disk): later steps are skipped and callers get it. */
    private volatile RuntimeException failure;
    private CompletableFuture<SlideOutcome> last;

    SlideCommits(ArchiveWriter archive, StageTimes times) {
        this.archive = archive;
        this.times = times;
        this.thread = Thread.ofPlatform().name("slide-commit").daemon().start(this::work);
    }

    private void work() {
        try {
            for (Step step; (step = steps.take()) != STOP; ) {
                if (failure != null) {
                    step.skipped(failure);
                    continue;
                }
                try {
                    step.run();
                } catch (RuntimeException | Error e) {
                    // An Error (out of memory) must reach the encoder thread too, or it would wait forever.
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.toString(), e);
                    step.skipped(failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A slide on its way to the archive: its batches, then its commit or its abandonment. */
    final class Slide {
        private final String path;
        private final SlideMetadata metadata;
        private SlideWrite write;
        private int tiles;

        private Slide(String path, SlideMetadata metadata) {
            this.path = path;
            this.metadata = metadata;
        }

        /** Queues a batch (blocking while the writer is {@value #QUEUED} steps behind). */
        void add(List<NewTile> batch) throws InterruptedException {
            tiles += batch.size();
            enqueue(() -> write.add(batch));
        }

        /** Queues the commit; returns the outcome of the slide committed before, once that is done. */
        Optional<SlideOutcome> commit() throws InterruptedException {
            CompletableFuture<SlideOutcome> outcome = new CompletableFuture<>();
            int count = tiles;
            enqueue(new Step() {
                @Override
                public void run() {
                    long start = System.nanoTime();
                    try (SlideWrite done = write) {
                        done.commit();
                    }
                    times.addStore(System.nanoTime() - start);
                    outcome.complete(new SlideOutcome(path, SlideOutcome.Status.EMBEDDED, count, ""));
                }

                @Override
                public void skipped(RuntimeException cause) {
                    outcome.completeExceptionally(cause);
                }
            });
            CompletableFuture<SlideOutcome> previous = last;
            last = outcome;
            return await(previous);
        }

        /** Queues dropping what was added: the slide was cut short (cancelled, or unreadable half-way). */
        void abandon() throws InterruptedException {
            enqueue(() -> {
                if (write != null) write.close();
            });
        }
    }

    /** Starts a slide: its old tiles stay searchable until the new ones are committed. */
    Slide begin(String path, SlideMetadata metadata) throws InterruptedException {
        Slide slide = new Slide(path, metadata);
        enqueue(() -> slide.write = archive.beginSlide(metadata));
        return slide;
    }

    private void enqueue(Step step) throws InterruptedException {
        rethrowFailure();
        long start = System.nanoTime();
        steps.put(step);
        times.addStore(System.nanoTime() - start);
    }

    private void rethrowFailure() {
        if (failure != null) throw failure;
    }

    /** The outcome of the last commit, once done; a failure on the writer thread is rethrown here. */
    Optional<SlideOutcome> awaitLast() throws InterruptedException {
        CompletableFuture<SlideOutcome> previous = last;
        last = null;
        return await(previous);
    }

    private Optional<SlideOutcome> await(CompletableFuture<SlideOutcome> outcome) throws InterruptedException {
        if (outcome == null) {
            rethrowFailure();
            return Optional.empty();
        }
        try {
            return Optional.of(outcome.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lets the queued steps run (the archive must not close under them), then stops the thread. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (true) {
            try {
                steps.put(STOP);
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
