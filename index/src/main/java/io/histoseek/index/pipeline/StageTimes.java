package io.histoseek.index.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where an indexing run's time went. Read time is summed over the reader threads (so it can
 * exceed the wall time); encode, store and the encoder's wait for tiles are on the encoder thread.
 */
public final class StageTimes {
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();
    private final AtomicLong storeNanos = new AtomicLong();
    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong prepareNanos = new AtomicLong();

    void addRead(long nanos) { readNanos.addAndGet(nanos); }
    void addEncode(long nanos) { encodeNanos.addAndGet(nanos); }
    void addStore(long nanos) { storeNanos.addAndGet(nanos); }
    void addWait(long nanos) { waitNanos.addAndGet(nanos); }
    void addPrepare(long nanos) { prepareNanos.addAndGet(nanos); }

    /** Summed over reader threads: reading, compositing, resampling and normalizing tiles. */
    public double readSeconds() { return readNanos.get() / 1e9; }
    /** The encoder's forward passes. */
    public double encodeSeconds() { return encodeNanos.get() / 1e9; }
    /** The encoder waiting for the archive writer to take a batch, plus committing slides (on the writer thread). */
    public double storeSeconds() { return storeNanos.get() / 1e9; }
    /** The encoder idle, waiting for tiles from the readers. */
    public double encoderWaitSeconds() { return waitNanos.get() / 1e9; }
    /** Opening slides, checking fingerprints and detecting tissue. */
    public double prepareSeconds() { return prepareNanos.get() / 1e9; }
}
