package io.histoseek.app.export;

import java.util.List;
import java.util.Locale;

/**
 * The scores of the hits as an inline SVG histogram, so the reader of a gallery sees where the
 * similarity drops: bars of equal score width from the lowest to the highest hit, each labelled
 * with its count on hover, the score axis numbered at both ends. No script, no external file.
 */
public final class ScoreHistogram {
    static final int BINS = 20;
    static final int WIDTH = 480;
    static final int HEIGHT = 140;
    private static final int AXIS = 20;

    private ScoreHistogram() {}

    /** Counts per bin from {@code low} to {@code high} (the top bin includes {@code high}). */
    static int[] counts(List<Double> scores, double low, double high) {
        int[] counts = new int[BINS];
        double span = high - low;
        for (double score : scores) {
            int bin = span <= 0 ? BINS - 1 : (int) Math.min(BINS - 1, Math.floor((score - low) / span * BINS));
            counts[Math.max(0, bin)]++;
        }
        return counts;
    }

    public static String svg(List<Double> scores) {
        double low = scores.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = scores.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int[] counts = counts(scores, low, high);
        int most = 1;
        for (int c : counts) {
            most = Math.max(most, c);
        }
        double barWidth = (double) WIDTH / BINS;
        int plotHeight = HEIGHT - AXIS;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " role=\"img\" aria-label=\"Histogram of the %d hits' scores\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, scores.size()));
        for (int i = 0; i < BINS; i++) {
            double barHeight = (double) counts[i] / most * (plotHeight - 4);
            double from = low + (high - low) * i / BINS;
            double to = low + (high - low) * (i + 1) / BINS;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bin\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3e4a89\">"
                            + "<title>%d hits scored %.4f to %.4f</title></rect>",
                    i * barWidth + 1, plotHeight - barHeight, barWidth - 2, barHeight, counts[i], from, to));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", plotHeight, WIDTH, plotHeight))
                .append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%.4f</text>", HEIGHT - 4, low))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%.4f</text>",
                        WIDTH, HEIGHT - 4, high))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">score</text>",
                        WIDTH / 2, HEIGHT - 4))
                .append("</svg>");
        return svg.toString();
    }
}
