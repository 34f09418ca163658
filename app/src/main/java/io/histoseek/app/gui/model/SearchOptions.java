package io.histoseek.app.gui.model;

/**
 * The user's search settings: how many hits, whether to skip the query's slide, a cap per slide
 * (0: none), and the label the hits' slides must have (null: any slide).
 */
public record SearchOptions(int k, boolean excludeSameSlide, int maxPerSlide, String label) {
    /** A gallery's worth: four rows of six cards fill the results column of a 1080p screen. */
    public static final int DEFAULT_HITS = 24;
    public static final SearchOptions DEFAULT = new SearchOptions(DEFAULT_HITS, false, 0, null);
}
