package io.histoseek.cluster.archive;

import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.index.archive.ArchiveBusyException;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveWriterInfo;
import io.histoseek.index.archive.WriterOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * One writer per archive on a cluster (docs/cluster.md): the lock document
 * {@value SolrFields#LOCK_DOC_ID} in the collection, created only where there is none and changed
 * or deleted only at the version its writer read (Solr's optimistic concurrency, decided by the
 * shard leader, so of two writers on two machines exactly one wins). It names its holder
 * (machine, process, command, start) for a second writer's message, and a heartbeat the holder
 * renews every {@link #HEARTBEAT}: a lock silent for {@link #STALE_AFTER} (its writer was killed,
 * or lost the cluster) or held by a process of this machine that has ended is taken over, and
 * that is said. Before each of its writes the holder checks that the document is still its own,
 * so a writer whose lock was taken over fails instead of writing between the new writer's writes.
 * Readers never take it.
 */
final class SolrWriterLock implements AutoCloseable {
    /** How often the holder says it lives (on a timer, and before a write when due). */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** A lock whose heartbeat is older than this is taken for its dead writer's: six missed heartbeats. */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);
    static final String STOPPED = "stopped while waiting for another writer";
    private static final String UNKNOWN_HOST = "an unnamed machine";
    private static final String FIELDS = String.join(",", SolrFields.VERSION, SolrFields.WRITER_TOKEN, SolrFields.WRITER_HOST,
            SolrFields.WRITER_PID, SolrFields.WRITER_COMMAND, SolrFields.WRITER_STARTED, SolrFields.WRITER_HEARTBEAT);
    private static final String HOST = localHost();
    /** Whether {@link #HOST} tells this machine from others, so that a holder of this name is a process here. */
    private static final boolean HOST_IS_DISTINCT = !HOST.equals("localhost") && !HOST.equals(UNKNOWN_HOST);

    private final SolrRequests solr;
    private final WriterOptions options;
    private final String token = UUID.randomUUID().toString();
    private Instant started;
    private ScheduledExecutorService heartbeat;
    /** Why this writer may write no more; null while it holds the lock. */
    private volatile String lost;

    /** What the lock document says: who holds it, and its version (the condition of the next change). */
    record Holder(String token, String host, long pid, String command, Instant started, Instant heartbeat, long version) {
        static Holder of(SolrDocument doc) {
            return new Holder(text(doc, SolrFields.WRITER_TOKEN), text(doc, SolrFields.WRITER_HOST), number(doc, SolrFields.WRITER_PID),
                    text(doc, SolrFields.WRITER_COMMAND), Instant.ofEpochMilli(number(doc, SolrFields.WRITER_STARTED)),
                    Instant.ofEpochMilli(number(doc, SolrFields.WRITER_HEARTBEAT)), number(doc, SolrFields.VERSION));
        }

        ArchiveWriterInfo info() {
            return new ArchiveWriterInfo(pid, command, Optional.of(started), Optional.of(host));
        }

        private static String text(SolrDocument doc, String field) {
            Object value = doc.getFirstValue(field);
            return value == null ? "?" : value.toString();
        }

        private static long number(SolrDocument doc, String field) {
            Object value = doc.getFirstValue(field);
            return value instanceof Number n ? n.longValue() : 0;
        }
    }

    SolrWriterLock(SolrRequests solr, WriterOptions options) {
        this.solr = solr;
        this.options = options;
    }

    /**
     * Takes the lock for {@code options.command()}, waiting up to {@code options.lockWait()} for
     * another writer to finish (telling {@code options.progress()} once whom it waits for, giving up
     * when {@code options.stop()} says so); then refuses in one line naming the holder.
     */
    void acquire() {
        long deadline = System.nanoTime() + options.lockWait().toNanos();
        boolean toldWaiting = false;
        started = Instant.now();
        try {
            while (true) {
                Optional<Holder> current = read();
                if (current.isEmpty()) {
                    if (write(-1)) break;
                    continue; // another writer created it first
                }
                Holder holder = current.get();
                Optional<String> stale = staleness(holder);
                if (stale.isPresent()) {
                    if (!write(holder.version())) continue; // renewed or taken meanwhile
                    options.progress().note("took over the writer lock of archive " + archive() + " from "
                            + holder.info().describe() + ": " + stale.get());
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    throw new ArchiveBusyException("archive " + archive() + " is being written by " + holder.info().describe()
                            + "; try again when it ends", holder.info());
                }
                if (options.stop().getAsBoolean()) throw new ArchiveException(archive() + ": " + STOPPED);
                if (!toldWaiting) {
                    options.progress().waitingForWriter(holder.info());
                    toldWaiting = true;
                }
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException(archive() + ": " + STOPPED);
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("solr-writer-lock").factory());
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Throws, in one line, unless this writer still holds the lock; renews the heartbeat when due.
     * Called before every write.
     */
    synchronized void requireHeld() {
        if (lost != null) throw new ArchiveException(lost);
        if (heartbeat == null) throw new IllegalStateException("the writer lock of " + archive() + " was not taken");
        Optional<Holder> current = read();
        if (current.isPresent() && current.get().token().equals(token)) {
            if (Duration.between(current.get().heartbeat(), Instant.now()).compareTo(HEARTBEAT) < 0) return;
            if (write(current.get().version())) return;
            current = read(); // changed since it was read: by whom
        }
        lost = "archive " + archive() + ": lost the writer lock" + current
                .map(h -> " to " + h.info().describe() + ", which took it over when this writer's heartbeat stopped")
                .orElse(" (its document is gone)") + "; nothing more is written";
        throw new ArchiveException(lost);
    }

    /** The timer's heartbeat: a failure to reach the cluster is retried at the next beat (and fails the next write). */
    private void beat() {
        try {
            requireHeld();
        } catch (ArchiveException e) {
            if (lost != null) throw e; // ends the timer
        }
    }

    /** Who holds the lock now, or empty when nobody does. */
    private Optional<Holder> read() {
        return Optional.ofNullable(solr.get("read the writer lock", SolrFields.LOCK_DOC_ID, FIELDS)).map(Holder::of);
    }

    /** Writes this writer's lock document if the stored one is still at {@code version} (-1: absent). */
    private boolean write(long version) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, SolrFields.LOCK_DOC_ID);
        doc.setField(SolrFields.KIND, SolrFields.Kind.LOCK.value());
        doc.setField(SolrFields.WRITER_TOKEN, token);
        doc.setField(SolrFields.WRITER_HOST, HOST);
        doc.setField(SolrFields.WRITER_PID, ProcessHandle.current().pid());
        doc.setField(SolrFields.WRITER_COMMAND, options.command());
        doc.setField(SolrFields.WRITER_STARTED, started.toEpochMilli());
        doc.setField(SolrFields.WRITER_HEARTBEAT, Instant.now().toEpochMilli());
        try {
            return solr.addIfVersion("take the writer lock", doc, version);
        } catch (ArchiveException e) {
            if (e.getMessage().contains("unknown field")) { // a schema older than the lock document
                throw new ArchiveException("archive " + archive() + " was made by an earlier Histoseek whose schema has no writer lock"
                        + " (schema version 1); index into a new collection", e);
            }
            throw e;
        }
    }

    /** Why {@code holder}'s lock may be taken over, if it may. */
    private static Optional<String> staleness(Holder holder) {
        Duration silent = Duration.between(holder.heartbeat(), Instant.now());
        if (silent.compareTo(STALE_AFTER) > 0) {
            return Optional.of("its last heartbeat was " + silent.toSeconds() + " s ago (a writer silent for "
                    + STALE_AFTER.toSeconds() + " s is taken for dead)");
        }
        if (HOST_IS_DISTINCT && HOST.equals(holder.host()) && !alive(holder)) return Optional.of("that process has ended");
        return Optional.empty();
    }

    /** Whether the holder's process (on this machine) lives, and is the one that took the lock, not a later one with its id. */
    private static boolean alive(Holder holder) {
        return ProcessHandle.of(holder.pid()).filter(ProcessHandle::isAlive).map(process -> process.info().startInstant()
                .map(start -> !start.isAfter(holder.started().plusSeconds(1))).orElse(true)).orElse(false);
    }

    private static String localHost() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? UNKNOWN_HOST : name;
        } catch (UnknownHostException e) {
            return UNKNOWN_HOST;
        }
    }

    private String archive() {
        return solr.address().toString();
    }

    /** Releases the lock if this writer still holds it; a release that cannot reach the cluster leaves it to go stale. */
    @Override
    public synchronized void close() {
        if (heartbeat == null) return;
        heartbeat.shutdownNow();
        heartbeat = null;
        if (lost != null) return;
        lost = "archive " + archive() + ": the writer has closed it";
        try {
            Optional<Holder> current = read();
            if (current.isPresent() && current.get().token().equals(token)) {
                solr.deleteIfVersion("release the writer lock", SolrFields.LOCK_DOC_ID, current.get().version());
            }
        } catch (ArchiveException e) {
            // Unreachable now: the lock goes stale after STALE_AFTER and the next writer takes it over.
        }
    }
}
