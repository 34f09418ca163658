package io.histoseek.app.cli;

import io.histoseek.app.gui.HistoseekApp;
import io.histoseek.index.archive.ArchiveAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code histoseek gui [--archive DIR]}: the desktop app; returns when its window closes. */
@Command(name = "gui", description = "Open the desktop app (slide viewer, click-to-search, archive browser, indexing wizard).")
public final class GuiCommand implements Callable<Integer> {
    @Option(names = "--archive", paramLabel = "ARCHIVE",
            description = "Archive to open: a folder or a SolrCloud address (default: the last one used).")
    String archive;

    @Override
    public Integer call() {
        Optional<ArchiveAddress> address = Optional.ofNullable(archive).map(ArchiveAddress::of).map(ArchiveAddress::absolute);
        if (address.isPresent() && address.get().isFolder() && !Files.isDirectory(address.get().folder())) {
            throw new IllegalArgumentException(archive + ": no such archive folder");
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException("no display: the desktop app needs a graphical session (DISPLAY is not set)");
        }
        HistoseekApp.launch(address);
        return 0;
    }
}
