package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How an evaluation's figures are written for people: the command line, the report and the app alike. */
public final class Figures {
    private Figures() {
    }

    /** Four decimals; NaN (nothing to measure, e.g. every query abstained) as {@code n/a}. */
    public static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * The per-K lines: {@code accuracy@K:} and {@code balanced_accuracy@K:} for every K, then with a
     * minimum agreement {@code abstained@K:} and {@code answered_accuracy@K:}, and at slide level {@code mMV@K:}.
     */
    public static List<String> lines(Evaluation evaluation) {
        List<String> lines = new ArrayList<>();
        for (Evaluation.AtK at : evaluation.atK()) {
            lines.add("accuracy@" + at.k() + ": " + format(at.accuracy()));
            lines.add("balanced_accuracy@" + at.k() + ": " + format(at.balancedAccuracy()));
        }
        if (evaluation.minAgreement().isPresent()) {
            for (Evaluation.AtK at : evaluation.atK()) {
                lines.add("abstained@" + at.k() + ": " + format(at.abstainedShare()));
                lines.add("answered_accuracy@" + at.k() + ": " + format(at.answeredAccuracy()));
            }
        }
        for (Evaluation.AtK at : evaluation.atK()) {
            at.majorityVote().ifPresent(mmv -> lines.add("mMV@" + at.k() + ": " + format(mmv)));
        }
        return lines;
    }
}
