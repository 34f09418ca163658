package io.histoseek.index.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Moves one slide's tiles through reader threads, batches and the encoder, and hands each
 * batch's vectors to a sink, on the calling thread.
 *
 * <p>Memory stays flat: tensors live in a fixed pool of buffers (two batches plus one per reader),
 * so readers block when the encoder falls behind, and the encoder blocks only when the readers
 * cannot keep up (that wait is measured, so a benchmark shows whether more readers would help).
 */
final class BatchedTileFlow {
    interface BatchEncoder {
        float[][] encode(float[][] tensors) throws Exception;
    }

    interface BatchSink<P> {
        void accept(List<P> positions, float[][] vectors) throws Exception;
    }

    private record ReadTile<P>(P position, float[] tensor) {}

    private static final ReadTile<?> FAILED = new ReadTile<>(null, null);

    private final int readerThreads;
    private final int batchSize;
    private final int tensorLength;
    private final StageTimes times;

    BatchedTileFlow(int readerThreads, int batchSize, int tensorLength, StageTimes times) {
        if (readerThreads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need at least one reader thread and a batch of one");
        }
        this.readerThreads = readerThreads;
        this.batchSize = batchSize;
        this.tensorLength = tensorLength;
        this.times = times;
    }

    /**
     * Runs every position through; throws the first reader, encoder or sink failure (after
     * stopping the readers), or CancellationException when {@code cancelled} turns true.
     */
    <P> void run(List<P> positions, Supplier<TileLoader<P>> loaders, BatchEncoder encoder, BatchSink<P> sink,
                 BooleanSupplier cancelled, PauseGate pause) throws Exception {
        if (positions.isEmpty()) {
            return;
        }
        int poolSize = 2 * batchSize + readerThreads;
        BlockingQueue<float[]> free = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < Math.min(poolSize, positions.size() + readerThreads); i++) {
            free.add(new float[tensorLength]);
        }
        BlockingQueue<ReadTile<P>> ready = new ArrayBlockingQueue<>(poolSize + readerThreads);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> readFailure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < Math.min(readerThreads, positions.size()); r++) {
            Thread reader = Thread.ofPlatform().name("tile-reader-" + r).daemon().unstarted(
                    () -> readLoop(positions, loaders, next, free, ready, readFailure));
            readers.add(reader);
            reader.start();
        }
        try {
            encodeLoop(positions.size(), ready, free, encoder, sink, readFailure, cancelled, pause);
        } finally {
            for (Thread reader : readers) {
                reader.interrupt();
            }
            for (Thread reader : readers) {
                reader.join();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <P> void readLoop(List<P> positions, Supplier<TileLoader<P>> loaders, AtomicInteger next,
                              BlockingQueue<float[]> free, BlockingQueue<ReadTile<P>> ready,
                              AtomicReference<Exception> failure) {
        try (TileLoader<P> loader = loaders.get()) {
            int index;
            while ((index = next.getAndIncrement()) < positions.size()) {
                float[] tensor = free.take();
                long start = System.nanoTime();
                loader.load(positions.get(index), tensor);
                times.addRead(System.nanoTime() - start);
                ready.put(new ReadTile<>(positions.get(index), tensor));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            // An Error (out of memory) must still reach the encoder, or it would wait forever.
            failure.compareAndSet(null, e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e));
            ready.offer((ReadTile<P>) FAILED);
        }
    }

    private <P> void encodeLoop(int total, BlockingQueue<ReadTile<P>> ready, BlockingQueue<float[]> free,
                                BatchEncoder encoder, BatchSink<P> sink, AtomicReference<Exception> readFailure,
                                BooleanSupplier cancelled, PauseGate pause) throws Exception {
        int consumed = 0;
        List<ReadTile<P>> batch = new ArrayList<>(batchSize);
        while (consumed < total) {
            pause.awaitOpen(cancelled);
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            batch.clear();
            int wanted = Math.min(batchSize, total - consumed);
            long waitStart = System.nanoTime();
            while (batch.size() < wanted) {
                ReadTile<P> tile = ready.poll(100, TimeUnit.MILLISECONDS);
                if (tile == FAILED || readFailure.get() != null) {
                    throw readFailure.get();
                }
                if (tile != null) {
                    batch.add(tile);
                } else if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled");
                }
            }
            times.addWait(System.nanoTime() - waitStart);
            consumed += batch.size();

            float[][] tensors = new float[batch.size()][];
            List<P> batchPositions = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                tensors[i] = batch.get(i).tensor();
                batchPositions.add(batch.get(i).position());
            }
            long encodeStart = System.nanoTime();
            float[][] vectors = encoder.encode(tensors);
            times.addEncode(System.nanoTime() - encodeStart);
            free.addAll(List.of(tensors));

            long storeStart = System.nanoTime();
            sink.accept(batchPositions, vectors);
            times.addStore(System.nanoTime() - storeStart);
        }
    }
}
