package io.histoseek.app.gui.model;

import java.nio.file.Path;

/** A slide found like a whole query slide: its rank (1 = best), score (median of best matches), file and label ("" if none). */
public record SimilarSlide(int rank, double score, Path file, String label) {
}
