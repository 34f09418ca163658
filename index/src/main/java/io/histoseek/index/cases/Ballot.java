package io.histoseek.index.cases;

/** A neighbour allowed to vote: its label and its cosine similarity to the query. */
public record Ballot(String label, float score) {
}
