package io.histoseek.index.ann;

/** Marks visited nodes with a generation number, so clearing between searches costs nothing. */
final class VisitedSet {
    private int[] marks = new int[0];
    private int generation;

    void reset(int capacity) {
        if (marks.length < capacity) marks = new int[Math.max(capacity, marks.length * 2)];
        if (++generation == 0) {
            java.util.Arrays.fill(marks, 0);
            generation = 1;
        }
    }

    /** Makes room for nodes below {@code capacity} without forgetting marks; returns it. */
    int grow(int capacity) {
        if (marks.length < capacity) marks = java.util.Arrays.copyOf(marks, Math.max(capacity, marks.length * 2));
        return capacity;
    }

    /** Marks the node; false when it was already marked in this generation. */
    boolean add(int node) {
        if (marks[node] == generation) return false;
        marks[node] = generation;
        return true;
    }
}
