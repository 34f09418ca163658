package io.histoseek.index.archive.local;

import java.util.function.Consumer;

/** Lets a crash test in another package see each step of the archive's write order (and stop there). */
public final class CrashPoints {
    private CrashPoints() {
    }

    public static void install(Consumer<String> afterStep) {
        LocalArchive.afterStep = afterStep;
    }
}
