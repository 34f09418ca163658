package io.histoseek.index.ann;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.bruteforce.BruteForceIndex;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class HnswGraphTest {
    static final int DIM = 96;

    record Tile(Long id, float[] vector) implements Item<Long, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    /** Exact neighbours from hnswlib-core's brute-force index, on our SIMD distance. */
    static BruteForceIndex<Long, float[], Tile, Float> exact(float[][] base) {
        BruteForceIndex<Long, float[], Tile, Float> index =
                BruteForceIndex.newBuilder(DIM, new InnerProductDistance()).build();
        for (int i = 0; i < base.length; i++) index.add(new Tile((long) i, base[i]));
        return index;
    }

    static double recallAt10(HnswGraph graph, BruteForceIndex<Long, float[], Tile, Float> exact, float[][] queries, int ef) {
        int hits = 0;
        for (float[] q : queries) {
            Set<Long> truth = new HashSet<>();
            for (SearchResult<Tile, Float> r : exact.findNearest(q, 10)) truth.add(r.item().id());
            for (Neighbor n : graph.search(q, 10, ef)) if (truth.contains(n.label())) hits++;
        }
        return hits / (10.0 * queries.length);
    }

    @Test
    void simdKernelMatchesScalarAndHnswlibCore() {
        var gen = new ClusteredVectors(1536 + 7, 3, 1);
        float[] a = gen.next(), b = gen.next();
        float scalar = new ScalarDotProduct().dot(a, 0, b, 0, a.length);
        assertEquals(scalar, new SimdDotProduct().dot(a, 0, b, 0, a.length), 1e-5);
        assertEquals(DistanceFunctions.FLOAT_INNER_PRODUCT.distance(a, b), new InnerProductDistance().distance(a, b), 1e-5);
        byte[] codes = new byte[a.length];
        for (int i = 0; i < codes.length; i++) codes[i] = (byte) (i * 37 % 255 - 127);
        assertEquals(new ScalarDotProduct().dot(a, 0, codes, 0, a.length), new SimdDotProduct().dot(a, 0, codes, 0, a.length), 1e-3);
    }

    @Test
    void int8CodesApproximateTheVectors() {
        var gen = new ClusteredVectors(1536, 4, 2);
        HnswGraph graph = new HnswGraph(1536, HnswParams.DEFAULTS);
        float[] v = gen.next(), q = gen.next();
        graph.add(7, v);
        float exact = new ScalarDotProduct().dot(q, 0, v, 0, v.length);
        float coded = graph.scaleChunks[0][0] * new ScalarDotProduct().dot(q, 0, graph.codeChunks[0], 0, v.length);
        assertEquals(exact, coded, 2e-3, "int8 traversal distance is close to the float one");
    }

    @Test
    void recallAgainstExactSearch() {
        var gen = new ClusteredVectors(DIM, 40, 7);
        float[][] base = gen.next(5000);
        float[][] queries = gen.next(200);
        HnswGraph graph = new HnswGraph(DIM, HnswParams.DEFAULTS);
        for (int i = 0; i < base.length; i++) graph.add(i, base[i]);
        var exact = exact(base);
        double recall64 = recallAt10(graph, exact, queries, 64);
        double recall16 = recallAt10(graph, exact, queries, 16);
        assertTrue(recall64 >= 0.95, "recall@10 at ef 64: " + recall64);
        assertTrue(recall16 <= recall64, "more ef, more recall");
        List<Neighbor> self = graph.search(base[123], 1, 64);
        assertEquals(123, self.getFirst().label());
        assertEquals(1f, self.getFirst().score(), 1e-5);
    }

    @Test
    void searchesWhileVectorsAreAdded() throws Exception {
        var gen = new ClusteredVectors(DIM, 20, 3);
        float[][] base = gen.next(4000);
        HnswGraph graph = new HnswGraph(DIM, HnswParams.DEFAULTS);
        for (int i = 0; i < 500; i++) graph.add(i, base[i]);
        AtomicBoolean adding = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        Throwable[] failure = new Throwable[1];
        Thread searcher = Thread.ofPlatform().start(() -> {
            try {
                while (adding.get()) {
                    int size = graph.size();
                    List<Neighbor> found = graph.search(base[searches.get() % 500], 10, 32);
                    assertEquals(10, found.size());
                    for (Neighbor n : found) assertTrue(n.label() >= 0 && n.label() < base.length);
                    assertTrue(size <= graph.size());
                    searches.incrementAndGet();
                }
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        Thread[] adders = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int first = 500 + t;
            adders[t] = Thread.ofPlatform().start(() -> {
                for (int i = first; i < base.length; i += 2) graph.add(i, base[i]);
            });
        }
        for (Thread a : adders) a.join();
        adding.set(false);
        searcher.join();
        assertNull(failure[0], () -> "search failed during adds: " + failure[0]);
        assertTrue(searches.get() > 0);
        assertEquals(base.length, graph.size());
        assertTrue(recallAt10(graph, exact(base), gen.next(100), 64) >= 0.95);
    }
}
