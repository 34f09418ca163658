package io.histoseek.cluster.archive;

import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.index.archive.ArchiveProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.json.BucketJsonFacet;
import org.apache.solr.client.solrj.response.json.NestableJsonFacet;

/**
 * What interrupted writes left: tiles of a generation that is not their slide's (a slide write cut
 * short before its flip, or after it but before the old tiles were deleted) and tiles of slides
 * that are gone (a remove cut short). Found with one facet over (slide, generation) pairs, deleted
 * by the next writer before it writes.
 */
final class LeftoverTiles {
    private static final String SLIDES = "slides";
    private static final String GENERATIONS = "generations";

    private final SolrRequests solr;
    private final Map<Long, Long> generationBySlide = new HashMap<>();

    LeftoverTiles(SolrRequests solr, List<StoredSlide> slides) {
        this.solr = solr;
        for (StoredSlide slide : slides) generationBySlide.put(slide.id(), slide.generation());
    }

    void delete(ArchiveProgress progress) {
        SolrQuery query = new SolrQuery(SolrFields.Kind.TILE.filter()).setRows(0);
        query.set("json.facet", "{" + SLIDES + ":{type:terms,field:" + SolrFields.SLIDE_ID + ",limit:-1,facet:{"
                + GENERATIONS + ":{type:terms,field:" + SolrFields.GENERATION + ",limit:-1}}}}");
        NestableJsonFacet facets = solr.query("look for unfinished writes", query).getJsonFacetingResponse();
        if (facets == null || facets.getBucketBasedFacets(SLIDES) == null) return;
        List<String> leftovers = new ArrayList<>();
        long tiles = 0;
        for (BucketJsonFacet slide : facets.getBucketBasedFacets(SLIDES).getBuckets()) {
            long slideId = ((Number) slide.getVal()).longValue();
            Long visible = generationBySlide.get(slideId);
            for (BucketJsonFacet generation : slide.getBucketBasedFacets(GENERATIONS).getBuckets()) {
                long value = ((Number) generation.getVal()).longValue();
                if (visible == null || visible != value) {
                    leftovers.add("+" + SolrFields.Kind.TILE.filter() + " +" + SolrFields.SLIDE_ID + ":" + slideId
                            + " +" + SolrFields.GENERATION + ":" + value);
                    tiles += generation.getCount();
                }
            }
        }
        if (leftovers.isEmpty()) return;
        for (String leftover : leftovers) solr.deleteByQuery("delete the tiles of an unfinished write", leftover);
        solr.publish("delete the tiles of unfinished writes");
        progress.note("removed " + tiles + " tiles that an interrupted run had left unfinished in " + solr.address());
    }
}
