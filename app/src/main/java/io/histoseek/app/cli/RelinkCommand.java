package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideNames;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.features.NameOnlySlides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Points an archive at the new place of its slides. Slide paths are stored relative to the root,
 * so only the root changes; the command says how many slides it finds at the new place. Slides
 * imported by name (their file was not found at import) are then attached to the slide file of
 * their name under the new root, as import matches them (docs/cli.md).
 */
@Command(name = "relink", description = "Point an archive at the folder its slides moved to; attach slides imported by name to their files there.")
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
        ArchiveAddress address = archive.address();
        NameOnlySlides.Outcome attached;
        try (ArchiveWriter store = Archives.openForWriting(address, wait.writerOptions("relink", spec.commandLine().getErr()))) {
            Path root = newRoot.toAbsolutePath().normalize();
            int found = 0;
            int relative = 0;
            for (SlideRecord slide : store.slides()) {
                if (slide.status() == SlideStatus.FAILED || Path.of(slide.path()).isAbsolute() || SlideNames.isNameOnly(slide.path())) {
                    continue;
                }
                relative++;
                if (Files.exists(root.resolve(slide.path()))) {
                    found++;
                }
            }
            NameOnlySlides named = NameOnlySlides.find(store, root,
                    address.isFolder() ? Set.of(address.folder().toAbsolutePath().normalize()) : Set.of());
            if (relative + named.count() > 0 && found + named.withFiles() == 0) {
                throw new IllegalArgumentException(newRoot + ": none of the archive's " + (relative + named.count())
                        + " slides is there; not relinked");
            }
            Path oldRoot = store.root();
            store.relink(root);
            out.println("root: " + root);
            out.println("previous_root: " + oldRoot);
            out.println("slides_found: " + found + " of " + relative);
            out.flush();
            attached = named.attach(store);
            SlidePaths paths = new SlidePaths(store);
            for (NameOnlySlides.Attached slide : attached.attached()) {
                out.println("attached: " + slide.name() + " -> " + paths.shown(slide.storedPath()));
            }
        }
        for (String problem : attached.problems()) {
            out.println("not attached: " + problem);
        }
        out.println("slides_attached: " + attached.attached().size() + " of " + attached.nameOnly());
        out.flush();
        return attached.problems().isEmpty() ? 0 : HistoseekCommand.EXIT_FAILURE;
    }
}
