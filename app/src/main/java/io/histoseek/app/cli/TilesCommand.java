package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Prints every stored tile as {@code slide<TAB>x<TAB>y}, slides by path, tiles by row. */
@Command(name = "tiles", description = "Print every tile of an archive: slide<TAB>x<TAB>y (level-0 pixels).")
public final class TilesCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Archive store = archive.open()) {
            SlidePaths paths = new SlidePaths(store);
            store.forEachTile((slide, tile) -> out.append(paths.shown(slide)).append('\t')
                    .append(Long.toString(tile.x())).append('\t').append(Long.toString(tile.y())).append('\n'));
        }
        out.flush();
        return 0;
    }
}
