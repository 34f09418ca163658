package io.histoseek.index.archive;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.bruteforce.BruteForceIndex;

import java.util.List;

/** The exact reference: hnswlib-core's brute-force index over inner products (1 - dot) of normalized vectors. */
final class ExactNeighbours {
    record Tile(Long id, float[] vector) implements Item<Long, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    private final BruteForceIndex<Long, float[], Tile, Float> index;

    ExactNeighbours(int dimension) {
        index = BruteForceIndex.<float[], Float>newBuilder(dimension, DistanceFunctions.FLOAT_INNER_PRODUCT).build();
    }

    void add(long id, float[] vector) {
        index.add(new Tile(id, vector));
    }

    /** The k nearest ids, best first. */
    List<Long> nearest(float[] query, int k) {
        return index.findNearest(query, k).stream().map(SearchResult::item).map(Tile::id).toList();
    }

    /** The cosine of the best match. */
    float bestScore(float[] query) {
        return 1 - index.findNearest(query, 1).getFirst().distance();
    }
}
