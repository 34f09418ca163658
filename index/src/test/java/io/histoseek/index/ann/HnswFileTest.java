package io.histoseek.index.ann;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.*;

class HnswFileTest {
    @TempDir
    Path dir;

    static HnswGraph graph(int n) {
        var gen = new ClusteredVectors(64, 10, 5);
        HnswGraph g = new HnswGraph(64, HnswParams.DEFAULTS);
        for (int i = 0; i < n; i++) g.add(1000 + i, toHalfPrecision(gen.next()));
        return g;
    }

    /** The index is fed fp16-decoded vectors (the store's truth), which the file keeps exactly. */
    static float[] toHalfPrecision(float[] v) {
        for (int i = 0; i < v.length; i++) v[i] = Float.float16ToFloat(Float.floatToFloat16(v[i]));
        return v;
    }

    @Test
    void roundTripKeepsGraphAndAnswers() throws Exception {
        HnswGraph g = graph(3000);
        Path file = dir.resolve("index.hnsw");
        HnswFile.write(g, "archive-1", file);
        assertFalse(Files.exists(dir.resolve("index.hnsw.tmp")));
        HnswFile.Loaded loaded = HnswFile.read(file);
        assertEquals("archive-1", loaded.archiveId());
        HnswGraph back = loaded.graph();
        assertEquals(g.size(), back.size());
        assertEquals(g.maxLabel(), back.maxLabel());
        assertEquals(g.labels(), back.labels());
        var gen = new ClusteredVectors(64, 10, 99);
        for (int q = 0; q < 50; q++) {
            float[] query = gen.next();
            assertEquals(g.search(query, 10, 64), back.search(query, 10, 64));
        }
        float[] added = gen.next();
        back.add(5000, added);
        assertEquals(5000, back.search(added, 1, 64).getFirst().label(), "a loaded graph keeps growing");
    }

    @Test
    void corruptOrTruncatedFilesAreRejected() throws Exception {
        Path file = dir.resolve("index.hnsw");
        HnswFile.write(graph(500), "a", file);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        assertTrue(assertThrows(CorruptIndexException.class, () -> HnswFile.read(file)).getMessage().contains("checksum"));

        truncate(file, good, good.length - 100);
        assertThrows(CorruptIndexException.class, () -> HnswFile.read(file));
        truncate(file, good, 10);
        assertThrows(CorruptIndexException.class, () -> HnswFile.read(file));

        Files.writeString(file, "not an index at all, but long enough to have a header of sixty bytes......");
        assertTrue(assertThrows(CorruptIndexException.class, () -> HnswFile.read(file)).getMessage().contains("not a Histoseek index"));
    }

    private static void truncate(Path file, byte[] good, int length) throws IOException {
        Files.write(file, good);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(length);
        }
    }
}
