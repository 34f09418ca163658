package io.histoseek.index.archive;

/** A search result of a vector engine: the tile id and its cosine similarity to the query (1 = same direction). */
public record Neighbor(long tileId, float score) {
}
