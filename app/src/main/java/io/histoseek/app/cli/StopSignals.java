package io.histoseek.app.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT, SIGTERM and SIGHUP while a long command runs. The first one asks the work to stop at its
 * next safe point and is remembered, so the command can end with that signal's usual status
 * (128 + its number) and say what it kept; later ones change nothing (a terminal's Ctrl-C reaches
 * both the launcher script, which passes it on, and the JVM). Should no safe point come within
 * {@link #GRACE}, the process halts with that status anyway: every commit is atomic, so a halt
 * loses only the work in progress, which the next run redoes. Closing restores the JVM's handlers.
 */
final class StopSignals implements AutoCloseable {
    /** The stop promise is 10 s; this leaves a second for the JVM to exit. */
    static final Duration GRACE = Duration.ofSeconds(9);
    private static final List<String> STOP_SIGNALS = List.of("INT", "TERM", "HUP");

    private final Runnable stop;
    private final PrintWriter err;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicReference<Signal> received = new AtomicReference<>();
    private volatile boolean closed;

    private StopSignals(Runnable stop, PrintWriter err) {
        this.stop = stop;
        this.err = err;
    }

    /** Routes the stop signals to {@code stop} until {@link #close()}. */
    static StopSignals install(Runnable stop, PrintWriter err) {
        StopSignals signals = new StopSignals(stop, err);
        for (String name : STOP_SIGNALS) {
            Signal signal = new Signal(name);
            try {
                signals.previous.put(signal, Signal.handle(signal, signals::onSignal));
            } catch (IllegalArgumentException ignoredByTheOs) {
                // An ignored signal (nohup) or one the platform lacks: it cannot stop the run anyway.
            }
        }
        return signals;
    }

    /** "SIGTERM" when a stop signal came. */
    Optional<String> received() {
        return Optional.ofNullable(received.get()).map(signal -> "SIG" + signal.getName());
    }

    /** 128 + the signal's number, the status a shell expects of a process that a signal ended. */
    int exitStatus() {
        Signal signal = received.get();
        if (signal == null) {
            throw new IllegalStateException("no stop signal came");
        }
        return 128 + signal.getNumber();
    }

    private void onSignal(Signal signal) {
        if (!received.compareAndSet(null, signal)) {
            return;
        }
        stop.run();
        Thread.ofPlatform().name("histoseek-stop-deadline").daemon().start(this::haltAfterGrace);
    }

    private void haltAfterGrace() {
        try {
            Thread.sleep(GRACE);
        } catch (InterruptedException e) {
            return;
        }
        if (!closed) {
            err.println("stopped by " + received().orElseThrow() + " without a safe point within " + GRACE.toSeconds()
                    + " s; everything committed is kept; run the same command again to resume");
            err.flush();
            Runtime.getRuntime().halt(exitStatus());
        }
    }

    @Override
    public void close() {
        closed = true;
        previous.forEach(Signal::handle);
    }
}
