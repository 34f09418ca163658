package io.histoseek.app.cli;

import java.util.List;
import java.util.TreeSet;

/** The {@code -k 1,5} list of the evaluation commands: positive, without repeats, ascending. */
final class KList {
    private KList() {
    }

    static List<Integer> check(List<Integer> ks) {
        if (ks == null || ks.isEmpty()) throw new IllegalArgumentException("-k needs at least one value, e.g. -k 1,5");
        for (int k : ks) {
            if (k < 1) throw new IllegalArgumentException("-k values must be at least 1, got " + k);
        }
        return List.copyOf(new TreeSet<>(ks));
    }
}
