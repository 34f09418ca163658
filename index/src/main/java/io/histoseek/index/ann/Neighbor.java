package io.histoseek.index.ann;

/** A search result: the label (tile id) and its cosine similarity to the query (1 = same direction). */
public record Neighbor(long label, float score) {
}
