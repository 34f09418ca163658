package io.histoseek.app.gui;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C in the terminal that started it) into an orderly close (the
 * window's stop hooks run and the process exits 0), instead of the JVM's default exit status
 * 143/130 with the archive possibly mid-write.
 */
final class TerminationSignal {
    private TerminationSignal() {}

    static void onTerm(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not on this platform: the JVM's default handling applies.
            }
        }
    }
}
