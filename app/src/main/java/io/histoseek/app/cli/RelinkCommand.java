package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Points an archive at the new place of its slides. Slide paths are stored relative to the root,
 * so only the root changes; the command says how many slides it finds at the new place.
 */
@Command(name = "relink", description = "Point an archive at the folder its slides moved to.")
public final class RelinkCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Mixin
    WaitOption wait;

    @Parameters(index = "0", paramLabel = "NEW_ROOT", description = "The folder that now holds the slides.")
    Path newRoot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(newRoot)) {
            throw new IllegalArgumentException(newRoot + ": no such folder");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ArchiveWriter store = Archives.openForWriting(archive.address(), wait.writerOptions("relink", spec.commandLine().getErr()))) {
            Path root = newRoot.toAbsolutePath().normalize();
            int found = 0;
            int relative = 0;
            for (SlideRecord slide : store.slides()) {
                if (slide.status() == SlideStatus.FAILED || Path.of(slide.path()).isAbsolute()) {
                    continue;
                }
                relative++;
                if (Files.exists(root.resolve(slide.path()))) {
                    found++;
                }
            }
            if (relative > 0 && found == 0) {
                throw new IllegalArgumentException(newRoot + ": none of the archive's " + relative
                        + " slides is there; not relinked");
            }
            Path oldRoot = store.root();
            store.relink(root);
            out.println("root: " + root);
            out.println("previous_root: " + oldRoot);
            out.println("slides_found: " + found + " of " + relative);
        }
        out.flush();
        return 0;
    }
}
