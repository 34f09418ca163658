package io.histoseek.app.gui.fx;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The app's background threads: named (a thread dump says what each does) and daemon (a
 * closing window never waits for a read in flight; archives commit whole, so stopping is safe).
 */
public final class Background {
    private Background() {}

    /** One worker thread, jobs in order. */
    public static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(threads(name));
    }

    /** Daemon threads called {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory threads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
