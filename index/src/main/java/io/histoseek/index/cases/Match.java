package io.histoseek.index.cases;

/** A neighbour as a search returns it: the item's id and its cosine similarity to the query. */
public record Match(long id, float score) {
}
