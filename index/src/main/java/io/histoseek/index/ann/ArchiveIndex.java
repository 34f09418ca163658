package io.histoseek.index.ann;

import io.histoseek.index.store.ArchiveException;
import io.histoseek.index.store.ArchiveStore;
import io.histoseek.model.ModelIdentity;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HNSW index of an archive, kept in {@code index.hnsw} beside the database. The store is the
 * source of truth: on open, an index file that is missing, corrupt, from another archive or with
 * other settings is rebuilt from the stored vectors; one that lacks the newest tiles is extended;
 * one that holds tiles deleted since (a re-indexed slide) is rebuilt. Tile ids are never reused,
 * so (vector count, largest tile id) tell these cases apart.
 */
public final class ArchiveIndex {
    public static final String FILE = "index.hnsw";
    private static final int PROGRESS_STEP = 1000;
    /** Vectors read from the store per query: ~6 MB, and the store stays free for searches in between. */
    private static final int READ_PAGE = 1024;

    /** How {@link #open} found the file. */
    public enum Origin { LOADED, EXTENDED, REBUILT }

    private final ArchiveStore store;
    private final HnswGraph graph;
    private final Path file;
    private final Origin origin;
    private final String reason;
    private volatile int ef;

    private ArchiveIndex(ArchiveStore store, HnswGraph graph, Origin origin, String reason, int ef) {
        this.store = store;
        this.graph = graph;
        this.file = store.folder().resolve(FILE);
        this.origin = origin;
        this.reason = reason;
        this.ef = ef;
    }

    /** Loads, extends or rebuilds the index so that it holds exactly the store's vectors, then saves it if it changed. */
    public static ArchiveIndex open(ArchiveStore store, HnswParams params, IndexProgress progress) {
        ModelIdentity model = store.model().orElseThrow(() ->
                new ArchiveException(store.folder() + ": archive holds no vectors yet (index some slides first)"));
        Path file = store.folder().resolve(FILE);
        String problem;
        HnswGraph graph = null;
        try {
            HnswFile.Loaded loaded = HnswFile.read(file);
            problem = mismatch(loaded, store, model, params);
            if (problem == null) graph = loaded.graph();
        } catch (NoSuchFileException e) {
            problem = "no index file";
        } catch (CorruptIndexException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = file + ": unreadable (" + e.getMessage() + ")";
        }
        if (graph != null && graph.size() > 0 && store.tileCountUpTo(graph.maxLabel()) != graph.size()) {
            problem = "tiles were removed since the index was saved";
            graph = null;
        }
        ArchiveIndex index;
        if (graph == null) {
            graph = new HnswGraph(model.dimension(), params);
            index = new ArchiveIndex(store, graph, Origin.REBUILT, problem, params.ef());
            index.addFromStore("rebuilding the index: " + problem, Runtime.getRuntime().availableProcessors(), progress);
            index.save();
        } else {
            index = new ArchiveIndex(store, graph, Origin.LOADED, null, params.ef());
            if (index.addFromStore("extending the index", Runtime.getRuntime().availableProcessors(), progress) > 0) {
                index = new ArchiveIndex(store, graph, Origin.EXTENDED, "new tiles since the index was saved", params.ef());
                index.save();
            }
        }
        return index;
    }

    private static String mismatch(HnswFile.Loaded loaded, ArchiveStore store, ModelIdentity model, HnswParams params) {
        if (!loaded.archiveId().equals(store.archiveId())) return "the index file belongs to another archive";
        if (loaded.graph().dimension() != model.dimension()) return "the index has another vector dimension";
        if (loaded.graph().m() != params.m()) return "the index was built with M=" + loaded.graph().m();
        return null;
    }

    /**
     * Adds every stored vector newer than the index's newest, on {@code threads} threads; searches
     * may run meanwhile. Returns how many were added. The caller saves when it wants them on disk.
     */
    public long addFromStore(String message, int threads, IndexProgress progress) {
        long after = Math.max(graph.maxLabel(), 0);
        long total = store.counts().tiles() - store.tileCountUpTo(after);
        if (total <= 0) return 0;
        progress.update(message, 0, total);
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4096);
        Object end = new Object();
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < Math.max(1, threads); t++) {
            workers.add(Thread.ofPlatform().name("hnsw-build-" + t).start(() -> {
                try {
                    for (Object item; (item = queue.take()) != end; ) {
                        var pending = (PendingVector) item;
                        graph.add(pending.tileId(), pending.vector());
                        long n = done.incrementAndGet();
                        if (n % PROGRESS_STEP == 0) progress.update(message, n, total);
                    }
                    queue.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure[0] = e;
                    queue.clear();
                    queue.offer(end);
                }
            }));
        }
        try {
            List<PendingVector> page = new ArrayList<>(READ_PAGE);
            long next = after;
            do {
                page.clear();
                store.forEachVector(next, READ_PAGE, (tileId, vector) -> page.add(new PendingVector(tileId, vector)));
                for (PendingVector pending : page) {
                    if (failure[0] != null) break;
                    queue.put(pending);
                }
                if (!page.isEmpty()) next = page.getLast().tileId();
            } while (page.size() == READ_PAGE && failure[0] == null);
            queue.put(end);
            for (Thread w : workers) w.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException(store.folder() + ": index build interrupted");
        }
        if (failure[0] != null) throw failure[0];
        progress.update(message, done.get(), total);
        return done.get();
    }

    private record PendingVector(long tileId, float[] vector) {
    }

    /** Adds one vector that the caller has just stored (ids must grow; searches may run meanwhile). */
    public void add(long tileId, float[] vector) {
        graph.add(tileId, vector);
    }

    /**
     * The {@code k} nearest stored tiles to a normalized query, best first; {@code efOverride <= 0}
     * means the default ef. The search explores at least {@code k} candidates whatever ef says.
     */
    public List<Neighbor> search(float[] query, int k, int efOverride) {
        return graph.search(query, k, efOverride > 0 ? efOverride : ef);
    }

    public void setEf(int ef) {
        this.ef = ef;
    }

    /** Writes the index atomically; a failure leaves the previous file in place and is reported in one line. */
    public void save() {
        try {
            HnswFile.write(graph, store.archiveId(), file);
        } catch (IOException e) {
            throw new ArchiveException(file + ": cannot save the index (" + e.getMessage() + ")", e);
        }
    }

    public int dimension() {
        return graph.dimension();
    }

    public int size() {
        return graph.size();
    }

    public Origin origin() {
        return origin;
    }

    /** Why the index was rebuilt or extended on open; null when it was loaded as it was. */
    public String reason() {
        return reason;
    }

    public Path file() {
        return file;
    }
}
