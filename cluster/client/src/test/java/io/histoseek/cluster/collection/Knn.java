package io.histoseek.cluster.collection;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;

/** k-NN through Solr's {@code {!knn}} parser, as POST (a 1536-d vector does not fit in a URL). */
final class Knn {
    private Knn() {
    }

    /** The tile ids of the top {@code k}, best first; {@code filter} is an fq or null. */
    static List<Long> search(SolrClient client, String collection, float[] query, int k, String filter) {
        return hits(client, collection, query, k, filter).stream().map(Hit::tile).toList();
    }

    record Hit(long tile, float score) {
    }

    /** The top {@code k} with Solr's scores, best first. */
    static List<Hit> hits(SolrClient client, String collection, float[] query, int k, String filter) {
        SolrQuery params = new SolrQuery("{!knn f=" + SolrFields.VECTOR + " topK=" + k + "}" + text(query));
        params.setRows(k);
        params.setFields(SolrFields.TILE_ID, "score");
        if (filter != null) {
            params.addFilterQuery(filter);
        }
        try {
            return new QueryRequest(params, SolrRequest.METHOD.POST).process(client, collection).getResults().stream()
                    .map(doc -> new Hit((Long) doc.getFirstValue(SolrFields.TILE_ID), (Float) doc.getFirstValue("score"))).toList();
        } catch (Exception e) {
            throw new AssertionError("k-NN query failed: " + e, e);
        }
    }

    static String text(float[] vector) {
        return IntStream.range(0, vector.length).mapToObj(j -> Float.toString(vector[j]))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** The share of {@code exact} that {@code found} holds. */
    static double recall(List<Long> found, List<Long> exact) {
        return exact.stream().filter(found::contains).count() / (double) exact.size();
    }
}
