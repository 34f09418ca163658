package io.histoseek.cluster.archive;

import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.cluster.collection.VectorIndex;
import io.histoseek.index.archive.CommitStamp;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.TileVectorSink;
import io.histoseek.index.archive.VectorEngine;
import io.histoseek.index.archive.VectorFilter;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;

/**
 * The vectors of a {@link SolrArchive}: the k-NN field of its tile documents. A search is Solr's
 * {@code {!knn}} (HNSW on every shard, merged by the node that took the request) with the slide
 * filter as a pre-filter {@code fq}; scores are exact (Solr 9 keeps float32 vectors) and turned
 * back into cosines. Tiles are written whole by the archive's slide writes, never through
 * {@link #add}; deletes and commits work as the interface says.
 */
final class SolrVectors implements VectorEngine {
    private static final String EXCLUDED_PARAM = "histoseek.excluded";

    private final SolrRequests solr;
    private final SolrArchive archive;
    private final VectorIndex.Similarity similarity = VectorIndex.DEFAULT.similarity();

    SolrVectors(SolrRequests solr, SolrArchive archive) {
        this.solr = solr;
        this.archive = archive;
    }

    @Override
    public List<Neighbor> search(float[] query, int k, int candidates, VectorFilter filter) {
        if (k <= 0 || (!filter.exclude() && filter.slideIds().isEmpty())) return List.of();
        int gather = Math.max(k, candidates > 0 ? candidates : VectorEngine.defaultCandidates(k));
        SolrQuery request = new SolrQuery("{!knn f=" + SolrFields.VECTOR + " topK=" + gather + "}" + text(query));
        request.addFilterQuery(SolrFields.Kind.TILE.filter());
        if (!filter.keepsAll()) {
            String ids = filter.slideIds().stream().map(String::valueOf).collect(Collectors.joining(","));
            if (filter.exclude()) {
                request.addFilterQuery("{!bool filter=" + SolrFields.Kind.TILE.filter() + " must_not=$" + EXCLUDED_PARAM + "}");
                request.set(EXCLUDED_PARAM, "{!terms f=" + SolrFields.SLIDE_ID + "}" + ids);
            } else {
                request.addFilterQuery("{!terms f=" + SolrFields.SLIDE_ID + "}" + ids);
            }
        }
        request.setFields(SolrFields.TILE_ID, "score");
        request.setRows(gather);
        return solr.query("search the vectors", request).getResults().stream()
                .limit(k)
                .map(doc -> new Neighbor(StoredSlide.longOf(doc, SolrFields.TILE_ID),
                        (float) similarity.cosine(((Number) doc.getFirstValue("score")).doubleValue())))
                .toList();
    }

    private static String text(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) text.append(',');
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    @Override
    public long count() {
        SolrQuery request = new SolrQuery(SolrFields.Kind.TILE.filter()).setRows(0);
        return solr.query("count the vectors", request).getResults().getNumFound();
    }

    @Override
    public Optional<float[]> vector(long tileId) {
        SolrDocument doc = solr.get("read the vector of tile " + tileId, SolrFields.tileDocId(tileId), SolrFields.VECTOR_DATA);
        return doc == null || doc.getFirstValue(SolrFields.VECTOR_DATA) == null ? Optional.empty() : Optional.of(TileDocs.vector(doc));
    }

    @Override
    public void forEachVectorOfSlide(long slideId, TileVectorSink sink) {
        Optional<StoredSlide> slide = archive.storedSlide(slideId);
        if (slide.isEmpty() || slide.get().generation() == 0) return;
        SolrQuery request = new SolrQuery(TileDocs.ofSlide(slideId, slide.get().generation()));
        request.setFields(SolrFields.TILE_ID, SolrFields.VECTOR_DATA);
        request.addSort(SolrFields.TILE_ID, SolrQuery.ORDER.asc).addSort(SolrFields.ID, SolrQuery.ORDER.asc);
        solr.forEach("read the vectors of slide " + slideId, request,
                doc -> sink.accept(StoredSlide.longOf(doc, SolrFields.TILE_ID), TileDocs.vector(doc)));
    }

    @Override
    public void forEachTileId(LongConsumer sink) {
        SolrQuery request = new SolrQuery(SolrFields.Kind.TILE.filter());
        request.setFields(SolrFields.TILE_ID);
        request.addSort(SolrFields.ID, SolrQuery.ORDER.asc);
        solr.forEach("list the tile ids", request, doc -> sink.accept(StoredSlide.longOf(doc, SolrFields.TILE_ID)));
    }

    /** The collection's shards: a search visits one replica of each (in parallel). */
    @Override
    public int segments() {
        return solr.client().getClusterState().getCollection(solr.address().collection()).getSlices().size();
    }

    @Override
    public CommitStamp committed() {
        return archive.stamp();
    }

    @Override
    public void add(long slideId, long[] tileIds, float[][] vectors) {
        throw new UnsupportedOperationException("a SolrCloud archive stores a tile with its place: write it through ArchiveWriter.beginSlide");
    }

    @Override
    public void deleteSlide(long slideId) {
        archive.requireWriter();
        solr.deleteByQuery("delete the vectors of slide " + slideId,
                "+" + SolrFields.Kind.TILE.filter() + " +" + SolrFields.SLIDE_ID + ":" + slideId);
    }

    @Override
    public void deleteTiles(long[] tileIds) {
        archive.requireWriter();
        solr.deleteById("delete " + tileIds.length + " vectors",
                java.util.Arrays.stream(tileIds).mapToObj(SolrFields::tileDocId).toList());
    }

    @Override
    public void commit(CommitStamp stamp) {
        archive.requireWriter();
        archive.recordStamp(stamp);
        solr.publish("commit the vectors");
    }

    /** Solr merges segments itself; the end of a run flushes every replica's segments to disk. */
    @Override
    public void compact() {
        archive.requireWriter();
        solr.flush("flush the vectors");
    }

    @Override
    public void close() {
        // The archive owns the client.
    }
}
