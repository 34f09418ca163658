package io.histoseek.app.cli;

import io.histoseek.app.gui.HistoseekApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code histoseek gui [--archive DIR]}: the desktop app; returns when its window closes. */
@Command(name = "gui", description = "Open the desktop app (slide viewer, click-to-search, archive browser, indexing wizard).")
public final class GuiCommand implements Callable<Integer> {
    @Option(names = "--archive", paramLabel = "DIR", description = "Archive folder to open (default: the last one used).")
    Path archive;

    @Override
    public Integer call() {
        if (archive != null && !Files.isDirectory(archive)) {
            throw new IllegalArgumentException(archive + ": no such archive folder");
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException("no display: the desktop app needs a graphical session (DISPLAY is not set)");
        }
        HistoseekApp.launch(Optional.ofNullable(archive).map(Path::toAbsolutePath));
        return 0;
    }
}
