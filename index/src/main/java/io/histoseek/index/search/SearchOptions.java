package io.histoseek.index.search;

import java.util.Optional;
import java.util.Set;

/**
 * How to search: {@code k} hits; skip the query's own slide; at most {@code maxPerSlide} hits per
 * slide (0: no limit); {@code ef} how many approximate candidates the engine gathers before its
 * exact re-rank (the HNSW search list; 0: the engine's default, never fewer than k);
 * {@code onlySlides} when present, hits only from these slides (e.g. the slides of one label),
 * applied inside the engine's search.
 */
public record SearchOptions(int k, boolean excludeSameSlide, int maxPerSlide, int ef, Optional<Set<Long>> onlySlides) {
    /** Hits a search returns unless told otherwise (the command line's -k). */
    public static final int DEFAULT_K = 10;
    public static final SearchOptions DEFAULTS = new SearchOptions(DEFAULT_K, false, 0, 0);

    public SearchOptions {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1: " + k);
        if (maxPerSlide < 0) throw new IllegalArgumentException("max per slide must not be negative: " + maxPerSlide);
        if (ef < 0) throw new IllegalArgumentException("ef must not be negative: " + ef);
        onlySlides = onlySlides.map(Set::copyOf);
    }

    public SearchOptions(int k, boolean excludeSameSlide, int maxPerSlide, int ef) {
        this(k, excludeSameSlide, maxPerSlide, ef, Optional.empty());
    }

    public SearchOptions withK(int newK) {
        return new SearchOptions(newK, excludeSameSlide, maxPerSlide, ef, onlySlides);
    }

    public SearchOptions onlyFrom(Set<Long> slides) {
        return new SearchOptions(k, excludeSameSlide, maxPerSlide, ef, Optional.of(slides));
    }
}
