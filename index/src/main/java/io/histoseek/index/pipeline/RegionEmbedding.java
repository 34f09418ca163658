package io.histoseek.index.pipeline;

/**
 * A region of a slide embedded on the fly: the mean of its tiles' (L2-normalized) vectors, from
 * every tissue tile it covers or, past {@link io.histoseek.index.Limits#QUERY_TILES}, from an even
 * sample of them.
 *
 * @param vector         the mean vector (not normalized)
 * @param tilesInRegion  tissue tiles the region covers
 * @param tilesEmbedded  tiles embedded for it: all of them, or the sample
 */
public record RegionEmbedding(float[] vector, int tilesInRegion, int tilesEmbedded) {
    /** True when the region held more tiles than were embedded. */
    public boolean sampled() {
        return tilesEmbedded < tilesInRegion;
    }
}
