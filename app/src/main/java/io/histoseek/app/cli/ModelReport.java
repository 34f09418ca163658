package io.histoseek.app.cli;

import io.histoseek.app.setup.ModelSetup;

import java.io.PrintWriter;

/** The lines {@code model download} and {@code model use} print once a checkpoint is registered. */
final class ModelReport {
    private ModelReport() {}

    static void registered(PrintWriter out, PrintWriter err, ModelSetup.Registration registration) {
        if (registration.verification().hasWarning()) {
            err.println("histoseek: warning: " + registration.model().checkpoint() + ": "
                    + registration.verification().warning());
        }
        out.println("verified:   " + registration.verification().identity());
        out.printf("registered: %s (%,d bytes) in %s%n", registration.model().checkpoint(),
                registration.model().sizeBytes(), registration.configFile());
    }
}
