package io.histoseek.cluster.collection;

import java.util.Locale;

/**
 * The k-NN field's settings, written into the schema at upload: similarity and HNSW graph
 * parameters (Lucene's defaults: 16 connections, beam 100). The dimension comes from the
 * archive's model.
 */
public record VectorIndex(Similarity similarity, int maxConnections, int beamWidth) {
    public static final VectorIndex DEFAULT = new VectorIndex(Similarity.DOT_PRODUCT, 16, 100);

    /**
     * DOT_PRODUCT needs unit vectors (Histoseek L2-normalizes every vector) and is the cheaper
     * one; COSINE normalizes itself. Both score (1 + cosine) / 2.
     */
    public enum Similarity {
        DOT_PRODUCT, COSINE;

        /** The schema's spelling. */
        public String schemaName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Solr's k-NN score back to the cosine similarity that Histoseek prints. */
        public double cosine(double score) {
            return 2 * score - 1;
        }
    }

    public VectorIndex {
        if (maxConnections < 2 || maxConnections > 512) {
            throw new IllegalArgumentException("HNSW max connections must be 2..512, got " + maxConnections);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("HNSW beam width must be 1..3200, got " + beamWidth);
        }
    }
}
