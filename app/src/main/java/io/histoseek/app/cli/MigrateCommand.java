package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.WriterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * Upgrades an archive written by an older Histoseek (moving its vectors into the vector index,
 * with progress on stderr) and checks every tile against the index, mending what an interrupted
 * write left. Safe to run on any archive, any number of times; an interrupted upgrade resumes.
 */
@Command(name = "migrate", description = "Upgrade an archive of an older Histoseek and check it tile by tile.")
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Mixin
    WaitOption wait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArchiveProgress progress = ArchiveProgress.asNotes(line -> {
            err.println(line);
            err.flush();
        }, holder -> { });
        WriterOptions options = WriterOptions.of("migrate").waiting(wait.duration()).checkingEverything().reportingTo(progress);
        try (ArchiveWriter store = Archives.openForWriting(archive.address(), options)) {
            out.println("archive: " + archive.display());
            out.println("tiles: " + store.counts().tiles());
            out.println("index_vectors: " + store.vectors().count());
            out.println("index_segments: " + store.vectors().segments());
        }
        out.flush();
        return 0;
    }
}
