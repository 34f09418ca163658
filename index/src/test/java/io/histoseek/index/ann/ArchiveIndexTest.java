package io.histoseek.index.ann;

import io.histoseek.index.store.ArchiveStore;
import io.histoseek.model.ModelIdentity;
import io.histoseek.index.store.NewTile;
import io.histoseek.index.store.SlideMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ArchiveIndexTest {
    static final int DIM = 32;

    @TempDir
    Path dir;

    private final ClusteredVectors gen = new ClusteredVectors(DIM, 8, 11);

    private void commit(ArchiveStore store, String path, int tiles) {
        List<NewTile> list = new ArrayList<>();
        for (int i = 0; i < tiles; i++) list.add(new NewTile(i * 224L, 0, 224, 1f, gen.next()));
        store.commitSlide(new SlideMetadata(path, 1, 1, "q", "generic", 0.5, tiles * 224L, 224), list);
    }

    private ArchiveStore archive() {
        ArchiveStore store = ArchiveStore.openOrCreate(dir, dir);
        store.bindModel(new ModelIdentity("fp", "test", DIM));
        return store;
    }

    @Test
    void buildsLoadsExtendsAndRebuilds() throws Exception {
        try (ArchiveStore store = archive()) {
            commit(store, "a.svs", 300);
            commit(store, "b.svs", 200);
            List<String> messages = new ArrayList<>();
            ArchiveIndex first = ArchiveIndex.open(store, HnswParams.DEFAULTS, (m, done, total) -> messages.add(m + " " + done + "/" + total));
            assertEquals(ArchiveIndex.Origin.REBUILT, first.origin());
            assertEquals(500, first.size());
            assertTrue(messages.getLast().endsWith("500/500"), messages.toString());

            assertEquals(ArchiveIndex.Origin.LOADED, ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE).origin());

            commit(store, "c.svs", 50);
            ArchiveIndex extended = ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE);
            assertEquals(ArchiveIndex.Origin.EXTENDED, extended.origin());
            assertEquals(550, extended.size());

            commit(store, "a.svs", 10); // re-indexed slide: its old tile ids are gone
            ArchiveIndex replaced = ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE);
            assertEquals(ArchiveIndex.Origin.REBUILT, replaced.origin());
            assertTrue(replaced.reason().contains("removed"), replaced.reason());
            assertEquals(260, replaced.size());

            Path file = dir.resolve(ArchiveIndex.FILE);
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 3] ^= 1;
            Files.write(file, bytes);
            ArchiveIndex afterCorruption = ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE);
            assertEquals(ArchiveIndex.Origin.REBUILT, afterCorruption.origin());
            assertTrue(afterCorruption.reason().contains("checksum"), afterCorruption.reason());

            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(c.size() / 2);
            }
            assertEquals(ArchiveIndex.Origin.REBUILT, ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE).origin());

            Files.delete(file);
            ArchiveIndex afterDelete = ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE);
            assertEquals(ArchiveIndex.Origin.REBUILT, afterDelete.origin());
            assertEquals(260, afterDelete.size());
            assertEquals(ArchiveIndex.Origin.LOADED, ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE).origin());
        }
    }

    @Test
    void indexFromAnotherArchiveIsRebuilt() throws Exception {
        try (ArchiveStore store = archive()) {
            commit(store, "a.svs", 100);
            ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE);
        }
        Path other = dir.resolve("other");
        try (ArchiveStore store = ArchiveStore.openOrCreate(other, other)) {
            store.bindModel(new ModelIdentity("fp", "test", DIM));
            commit(store, "a.svs", 100);
            Files.copy(dir.resolve(ArchiveIndex.FILE), other.resolve(ArchiveIndex.FILE));
            ArchiveIndex index = ArchiveIndex.open(store, HnswParams.DEFAULTS, IndexProgress.NONE);
            assertEquals(ArchiveIndex.Origin.REBUILT, index.origin());
            assertTrue(index.reason().contains("another archive"));
        }
    }
}
