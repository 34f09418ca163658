package io.histoseek.app.gui.model;

/**
 * The user's search settings: how many hits, whether to skip the query's slide, a cap per slide
 * (0: none), and the label the hits' slides must have (null: any slide).
 */
public record SearchOptions(int k, boolean excludeSameSlide, int maxPerSlide, String label) {
    public static final SearchOptions DEFAULT = new SearchOptions(24, false, 0, null);
}
