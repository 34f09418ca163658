package io.histoseek.app;

import io.histoseek.app.cli.HistoseekCommand;

/** Entry point for the launcher script and the app image; deliberately not a JavaFX Application. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(HistoseekCommand.run(args.length == 0 ? new String[] {"gui"} : args));
    }
}
