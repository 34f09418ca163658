package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.WriterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new archive appears whole or not at all: to a reader during its creation and after a creation that crashed. */
class ArchiveCreationTest {
    /** What a reader may be told while an archive is being created; anything else saw half of it. */
    private static final Pattern NOT_YET = Pattern.compile(".*(: no such archive folder|: no archive here \\(archive\\.db is missing\\)"
            + "| is being created by process \\d+ \\(index started \\d\\d:\\d\\d\\); open it again when that ends)");

    @TempDir
    Path dir;

    @Test
    void aReaderDuringTheCreationSeesNoArchiveOrAWholeOne() throws Exception {
        Set<String> told = new TreeSet<>();
        int opened = 0;
        for (int round = 0; round < 30; round++) {
            Path archive = dir.resolve("archive-" + round);
            AtomicBoolean created = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                Archives.openForWriting(archive, WriterOptions.of("index").creatingWithRoot(dir)).close();
                created.set(true);
            });
            boolean open = false;
            while (!open) {
                boolean after = created.get();
                try (Archive reader = Archives.openForReading(archive)) {
                    assertEquals(0, reader.counts().tiles());
                    open = true;
                    opened++;
                } catch (ArchiveException e) {
                    told.add(e.getMessage().replace(archive.toString(), "A"));
                    assertTrue(NOT_YET.matcher(e.getMessage()).matches(), "a reader saw half an archive: " + e.getMessage());
                    assertFalse(after, "the archive was created, yet: " + e.getMessage());
                }
            }
            writer.join();
        }
        assertEquals(30, opened);
        assertFalse(told.isEmpty(), "the readers ran before the archives were there");
    }

    @Test
    void whatACrashedCreationLeftIsNoArchiveAndGoesWithTheNextCreation() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Files.writeString(archive.resolve("archive.db.new"), "half of a database");
        Files.writeString(archive.resolve("archive.db.new-journal"), "its journal");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(ArchiveException.class, () -> Archives.openForReading(archive));
        assertEquals(archive + ": no archive here (archive.db is missing)", refused.getMessage());
        Archives.openForWriting(archive, WriterOptions.of("index").creatingWithRoot(dir)).close();
        try (Stream<Path> files = Files.list(archive)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("archive.db")).sorted().toList();
            assertEquals(List.of("archive.db"), names.stream().filter(n -> !n.endsWith("-wal") && !n.endsWith("-shm")).toList());
        }
        try (Archive reader = Archives.openForReading(archive)) {
            assertEquals(dir.toAbsolutePath().normalize(), reader.root());
        }
    }
}
