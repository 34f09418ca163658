package io.histoseek.index.cases;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A confusion matrix: rows are true labels, columns predicted labels plus a last column for
 * queries that got no answer (no labeled neighbour, or an abstention where those are counted).
 */
public final class Confusion {
    private final List<String> classes;
    private final Map<String, Integer> index = new HashMap<>();
    private final long[][] counts;

    public Confusion(List<String> classes) {
        this.classes = List.copyOf(classes);
        for (int i = 0; i < this.classes.size(); i++) index.put(this.classes.get(i), i);
        counts = new long[this.classes.size()][this.classes.size() + 1];
    }

    public List<String> classes() {
        return classes;
    }

    /** Counts one query; {@code predicted} null means no answer. */
    public void add(String truth, String predicted) {
        counts[row(truth)][predicted == null ? classes.size() : row(predicted)]++;
    }

    /** Queries of {@code truth} predicted as {@code predicted} (null: no answer). */
    public long count(String truth, String predicted) {
        return counts[row(truth)][predicted == null ? classes.size() : row(predicted)];
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) for (long c : row) total += c;
        return total;
    }

    /** Queries of a true label. */
    public long support(String truth) {
        long sum = 0;
        for (long c : counts[row(truth)]) sum += c;
        return sum;
    }

    /** Share of a true label's queries answered with it; NaN for a label no query has. */
    public double recall(String truth) {
        long support = support(truth);
        return support == 0 ? Double.NaN : (double) counts[row(truth)][row(truth)] / support;
    }

    /** Share of all queries answered with their true label. */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < classes.size(); i++) correct += counts[i][i];
        long total = total();
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** The mean recall over the labels that have queries: each class weighs the same, however many tiles it has. */
    public double balancedAccuracy() {
        double sum = 0;
        int present = 0;
        for (String label : classes) {
            double recall = recall(label);
            if (Double.isNaN(recall)) continue;
            sum += recall;
            present++;
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    private int row(String label) {
        Integer i = index.get(label);
        if (i == null) throw new IllegalArgumentException("label '" + label + "' is not one of " + classes);
        return i;
    }
}
