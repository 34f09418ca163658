package io.histoseek.app.gui;

import sun.misc.Signal;

/**
 * Turns SIGTERM into an orderly close (the window's stop hooks run and the process exits 0),
 * instead of the JVM's default exit status 143 with the archive possibly mid-write.
 */
final class TerminationSignal {
    private TerminationSignal() {}

    static void onTerm(Runnable action) {
        try {
            Signal.handle(new Signal("TERM"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGTERM on this platform: the JVM's default handling applies.
        }
    }
}
