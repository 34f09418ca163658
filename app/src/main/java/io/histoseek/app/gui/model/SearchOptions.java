package io.histoseek.app.gui.model;

/** The user's search settings: how many hits, whether to skip the query's slide, and a cap per slide (0: none). */
public record SearchOptions(int k, boolean excludeSameSlide, int maxPerSlide) {
    public static final SearchOptions DEFAULT = new SearchOptions(24, false, 0);
}
