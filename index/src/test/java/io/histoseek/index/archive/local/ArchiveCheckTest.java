package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The check before a run writes a folder archive: it creates nothing, and refuses a file in the folder's place. */
class ArchiveCheckTest {
    @TempDir
    Path dir;

    @Test
    void aFolderToBeCreatedPassesAndIsNotCreated() {
        Path archive = dir.resolve("new-archive");
        Archives.check(ArchiveAddress.of(archive));
        assertFalse(Files.exists(archive), "a check creates nothing");
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not an archive");
        ArchiveException e = assertThrows(ArchiveException.class, () -> Archives.check(ArchiveAddress.of(file)));
        assertEquals(file + ": not a folder, so it cannot hold an archive", e.getMessage());
    }
}
