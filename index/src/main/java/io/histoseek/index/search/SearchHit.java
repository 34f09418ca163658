package io.histoseek.index.search;

import io.histoseek.index.archive.SlideRecord;

/** One result: rank (1 = best), cosine similarity, the slide (path and metadata) and the tile's level-0 square. */
public record SearchHit(int rank, float score, SlideRecord slide, long tileId, long x, long y, int size) {
}
