package io.histoseek.app;

import java.util.ArrayList;
import java.util.List;

/** Allocates until the heap is exhausted: the out-of-memory path of the launchers. */
public final class HeapHog {
    private HeapHog() {}

    public static void main(String[] args) {
        List<long[]> held = new ArrayList<>();
        while (true) {
            held.add(new long[1 << 16]);
        }
    }
}
