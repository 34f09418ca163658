package io.histoseek.cluster.collection;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.solr.common.SolrInputDocument;

/**
 * Unit vectors shaped like tile embeddings (tissue types as clusters, tiles scattered around
 * them), the tile documents that carry them, and the exact neighbours to judge k-NN against.
 */
final class SyntheticTiles {
    static final int SLIDES = 20;
    private static final int CLUSTERS = 40;
    private static final double SPREAD = 0.8;

    private final float[][] vectors;

    private SyntheticTiles(float[][] vectors) {
        this.vectors = vectors;
    }

    static SyntheticTiles generate(int count, int dimension, long seed) {
        Random random = new Random(seed);
        float[][] centers = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centers[c] = around(new float[dimension], 1.0, random);
        }
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            vectors[i] = around(centers[random.nextInt(CLUSTERS)], SPREAD, random);
        }
        return new SyntheticTiles(vectors);
    }

    /** The first {@code count} tiles (what a collection holds after indexing that many). */
    SyntheticTiles prefix(int count) {
        return new SyntheticTiles(Arrays.copyOf(vectors, count));
    }

    float[] vector(int tile) {
        return vectors[tile];
    }

    /** A query near a random tile, as a user's click near a known pattern would give. */
    float[] query(Random random) {
        return around(vectors[random.nextInt(vectors.length)], 0.3, random);
    }

    static long slideOf(int tile) {
        return tile % SLIDES;
    }

    static String id(int tile) {
        return "tile-" + tile;
    }

    SolrInputDocument document(int tile) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, id(tile));
        doc.setField(SolrFields.KIND, SolrFields.Kind.TILE.value());
        doc.setField(SolrFields.TILE_ID, (long) tile);
        doc.setField(SolrFields.SLIDE_ID, slideOf(tile));
        doc.setField(SolrFields.X, 224L * (tile / SLIDES % 100));
        doc.setField(SolrFields.Y, 224L * (tile / SLIDES / 100));
        doc.setField(SolrFields.SIZE, 224);
        doc.setField(SolrFields.TISSUE, (tile % 10) / 10f);
        List<Float> values = new ArrayList<>(vectors[tile].length);
        for (float value : vectors[tile]) {
            values.add(value);
        }
        doc.setField(SolrFields.VECTOR, values);
        doc.setField(SolrFields.VECTOR_DATA, bytes(vectors[tile]));
        return doc;
    }

    List<SolrInputDocument> documents(int from, int to) {
        return IntStream.range(from, to).mapToObj(this::document).toList();
    }

    /** The exact top {@code k} tiles by dot product among those {@code allowed}. */
    List<Long> exactTop(float[] query, int k, IntPredicate allowed) {
        return IntStream.range(0, vectors.length).filter(allowed).boxed()
                .sorted(Comparator.comparingDouble((Integer tile) -> -dot(query, vectors[tile])))
                .limit(k).map(Integer::longValue).toList();
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static float[] around(float[] center, double spread, Random random) {
        double sigma = spread / Math.sqrt(center.length);
        float[] vector = new float[center.length];
        double norm = 0;
        for (int j = 0; j < vector.length; j++) {
            vector[j] = (float) (center[j] + sigma * random.nextGaussian());
            norm += vector[j] * vector[j];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int j = 0; j < vector.length; j++) {
            vector[j] *= scale;
        }
        return vector;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
