package io.histoseek.index.ann;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hierarchical navigable small world graph over normalized float vectors, distance {@code 1 - dot}.
 * The algorithm is hnswlib's (Malkov and Yashunin), including the neighbour-selection heuristic; the
 * storage is ours: vectors, labels and link lists sit in flat chunked arrays (no object per node), so
 * distance loops stream contiguous memory and the whole graph can be written and read in bulk by
 * {@link HnswFile}. hnswlib-core keeps its graph in private per-node objects reachable only
 * through Java serialization, which is why this class exists (README: "Why our own graph").
 * <p>
 * Thread safety: {@link #add} may run on several threads, and {@link #search} concurrently with adds.
 * Link lists are read and written under striped locks, which also publish a node's vector to every
 * thread that finds the node through a link.
 */
public final class HnswGraph {
    static final int CHUNK_BITS = 12;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << 16;
    private static final int LOCK_STRIPES = 1 << 12;
    private static final long EMPTY = -1L;

    final int dimension;
    final int m;
    final int maxM0;
    final int efConstruction;
    private final double levelMultiplier;
    private final DotProduct kernel = DotProduct.best();

    final float[][] vectorChunks = new float[MAX_CHUNKS][];
    /**
     * The vectors again as int8 codes with one scale per node (a quarter of the bytes): queries
     * traverse the graph on these, which is memory-bound, then re-rank their candidates on the floats.
     */
    final byte[][] codeChunks = new byte[MAX_CHUNKS][];
    final float[][] scaleChunks = new float[MAX_CHUNKS][];
    final long[][] labelChunks = new long[MAX_CHUNKS][];
    final byte[][] levelChunks = new byte[MAX_CHUNKS][];
    /** 1 once a node is linked on every level; greedy descent only steps onto such nodes. */
    private final byte[][] readyChunks = new byte[MAX_CHUNKS][];
    /** Level 0: per node {@code maxM0 + 1} ints, the count then the neighbour ids. */
    final int[][] level0Chunks = new int[MAX_CHUNKS][];
    /** Levels 1..L of a node: {@code L * (m + 1)} ints, per level the count then the ids; null on level 0 only nodes. */
    final int[][][] upperChunks = new int[MAX_CHUNKS][][];

    private final Object[] locks = new Object[LOCK_STRIPES];
    private final ReentrantLock growLock = new ReentrantLock();
    /** Held by an insertion that raises the top level, as in hnswlib. */
    private final ReentrantLock topLock = new ReentrantLock();
    private final SplittableRandom levelRandom;
    private volatile int count;
    /** Entry node in the low 32 bits, its level in the high 32: one volatile read gives both. */
    private volatile long entry = EMPTY;
    private volatile long maxLabel = Long.MIN_VALUE;

    private final ThreadLocal<SearchScratch> scratch;

    public HnswGraph(int dimension, int m, int efConstruction, long seed) {
        if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive: " + dimension);
        this.dimension = dimension;
        this.m = m;
        this.maxM0 = 2 * m;
        this.efConstruction = efConstruction;
        this.levelMultiplier = 1.0 / Math.log(m);
        this.levelRandom = new SplittableRandom(seed);
        for (int i = 0; i < LOCK_STRIPES; i++) locks[i] = new Object();
        this.scratch = ThreadLocal.withInitial(() -> new SearchScratch(maxM0));
    }

    public HnswGraph(int dimension, HnswParams params) {
        this(dimension, params.m(), params.efConstruction(), 42);
    }

    public int size() {
        return count;
    }

    public int dimension() {
        return dimension;
    }

    public int m() {
        return m;
    }

    /** The largest label added so far, or {@code Long.MIN_VALUE} for an empty graph. */
    public long maxLabel() {
        return maxLabel;
    }

    public long label(int node) {
        return labelChunks[node >>> CHUNK_BITS][node & (CHUNK - 1)];
    }

    /** Bytes held on the heap per vector (vectors, links, labels, levels). */
    public long bytesOnHeap() {
        long bytes = 0;
        int n = count;
        for (int c = 0; c <= (n - 1) >>> CHUNK_BITS && n > 0; c++) {
            bytes += 4L * vectorChunks[c].length + codeChunks[c].length + 4L * scaleChunks[c].length
                    + 4L * level0Chunks[c].length + 8L * labelChunks[c].length + 2L * levelChunks[c].length;
            for (int[] upper : upperChunks[c]) if (upper != null) bytes += 16 + 4L * upper.length;
            bytes += 16 + 8L * CHUNK;
        }
        return bytes;
    }

    // ---- insertion ----

    /** Adds a normalized vector under {@code label} (a tile id). Labels are not checked for duplicates. */
    public void add(long label, float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, the index " + dimension);
        }
        int level = (int) Math.min(-Math.log(1 - nextRandom()) * levelMultiplier, 63);
        int node = allocate(label, vector, level);
        float[] own = vectorChunks[node >>> CHUNK_BITS];
        int ownOffset = (node & (CHUNK - 1)) * dimension;

        long entryNow = entry;
        boolean raisesTop = (int) (entryNow >>> 32) < level || entryNow == EMPTY;
        if (raisesTop) {
            topLock.lock();
            entryNow = entry;
            raisesTop = entryNow == EMPTY || (int) (entryNow >>> 32) < level;
            if (!raisesTop) topLock.unlock();
        }
        try {
            if (entryNow == EMPTY) {
                markReady(node);
                entry = ((long) level << 32) | node;
                return;
            }
            int topLevel = (int) (entryNow >>> 32);
            int current = (int) entryNow;
            SearchScratch s = scratch.get();
            for (int lc = topLevel; lc > level; lc--) current = greedyClosest(s, own, ownOffset, current, lc, node + 1, false);
            for (int lc = Math.min(level, topLevel); lc >= 0; lc--) {
                searchLayer(s, own, ownOffset, current, efConstruction, lc, node + 1, node, false);
                current = connect(s, node, lc);
            }
            markReady(node);
            if (raisesTop) entry = ((long) level << 32) | node;
        } finally {
            if (raisesTop) topLock.unlock();
        }
    }

    private double nextRandom() {
        synchronized (levelRandom) {
            return levelRandom.nextDouble();
        }
    }

    private int allocate(long label, float[] vector, int level) {
        growLock.lock();
        try {
            int node = count;
            int c = node >>> CHUNK_BITS;
            if (c >= MAX_CHUNKS) throw new IllegalStateException("HNSW index is full (" + node + " vectors)");
            if (vectorChunks[c] == null) allocateChunk(c);
            int i = node & (CHUNK - 1);
            System.arraycopy(vector, 0, vectorChunks[c], i * dimension, dimension);
            encode(node);
            labelChunks[c][i] = label;
            levelChunks[c][i] = (byte) level;
            if (level > 0) upperChunks[c][i] = new int[level * (m + 1)];
            if (label > maxLabel) maxLabel = label;
            count = node + 1;
            return node;
        } finally {
            growLock.unlock();
        }
    }

    private void markReady(int node) {
        synchronized (lock(node)) {
            readyChunks[node >>> CHUNK_BITS][node & (CHUNK - 1)] = 1;
        }
    }

    /**
     * A node linked on an upper level may still lack its level-0 links while its insertion runs;
     * descending onto it would strand the level-0 search, so descent waits for it to be ready.
     */
    private boolean ready(int node) {
        return readyChunks[node >>> CHUNK_BITS][node & (CHUNK - 1)] != 0;
    }

    /** Symmetric int8 quantization of one node's vector: code = round(v / scale), scale = max|v| / 127. */
    void encode(int node) {
        int c = node >>> CHUNK_BITS, offset = (node & (CHUNK - 1)) * dimension;
        float[] v = vectorChunks[c];
        float max = 0;
        for (int j = 0; j < dimension; j++) max = Math.max(max, Math.abs(v[offset + j]));
        float scale = max == 0 ? 1 : max / 127f;
        byte[] codes = codeChunks[c];
        for (int j = 0; j < dimension; j++) codes[offset + j] = (byte) Math.round(v[offset + j] / scale);
        scaleChunks[c][node & (CHUNK - 1)] = scale;
    }

    void allocateChunk(int c) {
        codeChunks[c] = new byte[CHUNK * dimension];
        scaleChunks[c] = new float[CHUNK];
        readyChunks[c] = new byte[CHUNK];
        vectorChunks[c] = new float[CHUNK * dimension];
        labelChunks[c] = new long[CHUNK];
        levelChunks[c] = new byte[CHUNK];
        level0Chunks[c] = new int[CHUNK * (maxM0 + 1)];
        upperChunks[c] = new int[CHUNK][];
    }

    /** Chooses the new node's neighbours at {@code level} from {@code s.results}, links both ways. */
    private int connect(SearchScratch s, int node, int level) {
        int[] selected = selectByHeuristic(s, s.results, m);
        int closest = selected[selected.length - 1];
        synchronized (lock(node)) {
            writeLinks(node, level, selected, selected.length);
        }
        int capacity = level == 0 ? maxM0 : m;
        for (int neighbour : selected) {
            synchronized (lock(neighbour)) {
                int[] links = linksArray(neighbour, level);
                int base = linksBase(neighbour, level);
                int n = links[base];
                if (n < capacity) {
                    links[base + 1 + n] = node;
                    links[base] = n + 1;
                    continue;
                }
                // Full: keep the best `capacity` of old neighbours plus the new node, by the heuristic.
                float[] nv = vectorChunks[neighbour >>> CHUNK_BITS];
                int nOffset = (neighbour & (CHUNK - 1)) * dimension;
                NodeHeap pool = s.pruning;
                pool.clear();
                pool.push(distanceToNode(nv, nOffset, node), node);
                for (int j = 0; j < n; j++) {
                    int other = links[base + 1 + j];
                    pool.push(distanceToNode(nv, nOffset, other), other);
                }
                int[] kept = selectByHeuristic(s, pool, capacity);
                System.arraycopy(kept, 0, links, base + 1, kept.length);
                links[base] = kept.length;
            }
        }
        return closest;
    }

    /**
     * hnswlib's getNeighborsByHeuristic2: take candidates nearest first, keep one only if it is
     * closer to the base than to every one kept so far. Empties {@code candidates}; the result is
     * ordered farthest first, so its last element is the nearest.
     */
    private int[] selectByHeuristic(SearchScratch s, NodeHeap candidates, int wanted) {
        int total = candidates.size();
        int[] ordered = s.ordered(total);
        float[] orderedDistance = s.orderedDistances(total);
        for (int i = total - 1; i >= 0; i--) {
            ordered[i] = candidates.topNode();
            orderedDistance[i] = candidates.topKey();
            candidates.pop();
        }
        int[] kept = new int[Math.min(wanted, total)];
        int keptCount = 0;
        for (int i = 0; i < total && keptCount < wanted; i++) {
            int candidate = ordered[i];
            float[] cv = vectorChunks[candidate >>> CHUNK_BITS];
            int cOffset = (candidate & (CHUNK - 1)) * dimension;
            boolean good = true;
            for (int j = 0; j < keptCount && total >= wanted; j++) {
                if (distanceToNode(cv, cOffset, kept[j]) < orderedDistance[i]) {
                    good = false;
                    break;
                }
            }
            if (good) kept[keptCount++] = candidate;
        }
        int[] farthestFirst = new int[keptCount];
        for (int i = 0; i < keptCount; i++) farthestFirst[i] = kept[keptCount - 1 - i];
        return farthestFirst;
    }

    private void writeLinks(int node, int level, int[] ids, int n) {
        int[] links = linksArray(node, level);
        int base = linksBase(node, level);
        System.arraycopy(ids, 0, links, base + 1, n);
        links[base] = n;
    }

    int[] linksArray(int node, int level) {
        return level == 0 ? level0Chunks[node >>> CHUNK_BITS] : upperChunks[node >>> CHUNK_BITS][node & (CHUNK - 1)];
    }

    int linksBase(int node, int level) {
        return level == 0 ? (node & (CHUNK - 1)) * (maxM0 + 1) : (level - 1) * (m + 1);
    }

    /** Copies a node's list at {@code level} (count, then ids) into {@code out}; returns the list's slot count. */
    int copyLinks(int node, int level, int[] out) {
        int slots = level == 0 ? maxM0 + 1 : m + 1;
        synchronized (lock(node)) {
            System.arraycopy(linksArray(node, level), linksBase(node, level), out, 0, slots);
        }
        return slots;
    }

    private Object lock(int node) {
        return locks[node & (LOCK_STRIPES - 1)];
    }

    // ---- search ----

    /** The {@code k} nearest labels to a normalized query, best first, exploring {@code ef} candidates. */
    public List<Neighbor> search(float[] query, int k, int ef) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + dimension);
        }
        long entryNow = entry;
        if (entryNow == EMPTY || k <= 0) return List.of();
        int limit = count;
        SearchScratch s = scratch.get();
        int current = (int) entryNow;
        for (int lc = (int) (entryNow >>> 32); lc > 0; lc--) current = greedyClosest(s, query, 0, current, lc, limit, true);
        searchLayer(s, query, 0, current, Math.max(ef, k), 0, limit, -1, true);
        NodeHeap results = rerank(s, query, k);
        Neighbor[] out = new Neighbor[results.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = new Neighbor(label(results.topNode()), 1f - results.topKey());
            results.pop();
        }
        return List.of(out);
    }

    /** Re-scores the candidates found on int8 codes with the float vectors; keeps the best {@code k}. */
    private NodeHeap rerank(SearchScratch s, float[] query, int k) {
        NodeHeap exact = s.pruning;
        exact.clear();
        for (NodeHeap found = s.results; found.size() > 0; found.pop()) {
            exact.push(distance(query, 0, found.topNode()), found.topNode());
            if (exact.size() > k) exact.pop();
        }
        return exact;
    }

    private int greedyClosest(SearchScratch s, float[] q, int qOffset, int start, int level, int limit, boolean coded) {
        int current = start;
        float best = distance(q, qOffset, current, coded);
        boolean moved = true;
        while (moved) {
            moved = false;
            int n = copyLinks(s, current, level);
            for (int j = 0; j < n; j++) {
                int candidate = s.links[j];
                if (candidate >= limit && candidate >= (limit = count)) continue;
                if (!ready(candidate)) continue;
                float d = distance(q, qOffset, candidate, coded);
                if (d < best) {
                    best = d;
                    current = candidate;
                    moved = true;
                }
            }
        }
        return current;
    }

    /**
     * Beam search on one level, skipping {@code self} (-1: none). Nodes are usable once counted
     * ({@code count} is written after the vector); a link to a newer node than {@code limit}
     * re-reads the count, since concurrent inserts may prune a list down to new nodes only. Leaves the best {@code ef} in {@code s.results} (a max-heap by distance). */
    private void searchLayer(SearchScratch s, float[] q, int qOffset, int start, int ef, int level, int limit, int self,
                             boolean coded) {
        VisitedSet visited = s.visited;
        visited.reset(limit);
        limit = visited.grow(Math.max(limit, count)); // the start may be newer than the caller's limit
        // A concurrent insertion may already link to the node being inserted: never link it to itself.
        if (self >= 0) visited.add(self);
        NodeHeap results = s.results;
        NodeHeap candidates = s.candidates;
        results.clear();
        candidates.clear();
        float d0 = distance(q, qOffset, start, coded);
        visited.add(start);
        results.push(d0, start);
        candidates.push(-d0, start);
        float bound = d0;
        while (candidates.size() > 0) {
            float nearest = -candidates.topKey();
            if (nearest > bound && results.size() >= ef) break;
            int current = candidates.topNode();
            candidates.pop();
            int n = copyLinks(s, current, level);
            for (int j = 0; j < n; j++) {
                int candidate = s.links[j];
                if (candidate >= limit && candidate >= (limit = visited.grow(count))) continue;
                if (!visited.add(candidate)) continue;
                float d = distance(q, qOffset, candidate, coded);
                if (results.size() < ef || d < bound) {
                    candidates.push(-d, candidate);
                    results.push(d, candidate);
                    if (results.size() > ef) results.pop();
                    bound = results.topKey();
                }
            }
        }
    }

    private int copyLinks(SearchScratch s, int node, int level) {
        synchronized (lock(node)) {
            int[] links = linksArray(node, level);
            int base = linksBase(node, level);
            int n = links[base];
            System.arraycopy(links, base + 1, s.links, 0, n);
            return n;
        }
    }

    private float distance(float[] q, int qOffset, int node) {
        return 1f - kernel.dot(q, qOffset, vectorChunks[node >>> CHUNK_BITS], (node & (CHUNK - 1)) * dimension, dimension);
    }

    private float distance(float[] q, int qOffset, int node, boolean coded) {
        if (!coded) return distance(q, qOffset, node);
        int c = node >>> CHUNK_BITS, i = node & (CHUNK - 1);
        return 1f - scaleChunks[c][i] * kernel.dot(q, qOffset, codeChunks[c], i * dimension, dimension);
    }

    private float distanceToNode(float[] v, int vOffset, int node) {
        return distance(v, vOffset, node);
    }

    // ---- restore from a file ----

    /** Installs a graph read by {@link HnswFile}; only on a fresh, empty graph. */
    void restore(int nodeCount, long entryPoint, long largestLabel) {
        for (int i = 0; i < nodeCount; i++) encode(i);
        for (int c = 0; c <= (nodeCount - 1) >>> CHUNK_BITS && nodeCount > 0; c++) java.util.Arrays.fill(readyChunks[c], (byte) 1);
        this.count = nodeCount;
        this.entry = nodeCount == 0 ? EMPTY : entryPoint;
        this.maxLabel = largestLabel;
    }

    long entryPoint() {
        return entry;
    }

    /** Labels of all nodes, in node order (for tests and integrity checks). */
    public List<Long> labels() {
        List<Long> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(label(i));
        return out;
    }

    /** Per-thread buffers, so a search allocates nothing but its results. */
    private static final class SearchScratch {
        final VisitedSet visited = new VisitedSet();
        final NodeHeap results = new NodeHeap();
        final NodeHeap candidates = new NodeHeap();
        final NodeHeap pruning = new NodeHeap();
        final int[] links;
        private int[] ordered = new int[256];
        private float[] orderedDistances = new float[256];

        SearchScratch(int maxM0) {
            links = new int[maxM0];
        }

        int[] ordered(int n) {
            if (ordered.length < n) ordered = new int[n];
            return ordered;
        }

        float[] orderedDistances(int n) {
            if (orderedDistances.length < n) orderedDistances = new float[n];
            return orderedDistances;
        }
    }
}
