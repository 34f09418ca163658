package io.histoseek.app.gui.fx;

import io.histoseek.model.support.DaemonThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The app's background threads: named (a thread dump says what each does) and daemon (a
 * closing window never waits for a read in flight; archives commit whole, so stopping is safe).
 */
public final class Background {
    private Background() {}

    /** One worker thread, jobs in order. */
    public static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(DaemonThreads.named(name));
    }

}
