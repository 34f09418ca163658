package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Removes slides from an archive: their rows, tiles and vectors, nothing else. Every slide named
 * must be in the archive, or nothing is removed. Prints {@code removed: SLIDE (N tiles)} per slide,
 * then {@code slides_removed} and {@code tiles_removed}.
 */
@Command(name = "remove", description = "Remove slides (their tiles and vectors) from an archive.")
public final class RemoveCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Mixin
    WaitOption wait;

    @Parameters(arity = "1..*", paramLabel = "SLIDE",
            description = "A slide as `tiles` prints it, relative to the working folder, or to the archive root.")
    List<Path> slides;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ArchiveWriter store = Archives.openForWriting(archive.address(), wait.writerOptions("remove", spec.commandLine().getErr()))) {
            SlidePaths paths = new SlidePaths(store);
            Map<String, SlideRecord> chosen = new LinkedHashMap<>();
            for (Path given : slides) {
                String stored = paths.stored(given).orElseThrow(() -> new IllegalArgumentException(
                        given + ": not a slide of archive " + archive.text + "; nothing removed"));
                chosen.put(stored, store.slide(stored).orElseThrow());
            }
            Map<Long, Long> tiles = store.tileCountsBySlide();
            long tilesRemoved = 0;
            for (Map.Entry<String, SlideRecord> slide : chosen.entrySet()) {
                long count = tiles.getOrDefault(slide.getValue().id(), 0L);
                store.removeSlide(slide.getKey());
                tilesRemoved += count;
                out.println("removed: " + paths.shown(slide.getKey()) + " (" + count + " tiles)");
            }
            out.println("slides_removed: " + chosen.size());
            out.println("tiles_removed: " + tilesRemoved);
        }
        out.flush();
        return 0;
    }
}
