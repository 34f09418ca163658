package io.histoseek.index.ann;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Our binary format for an {@link HnswGraph} (little-endian):
 * <pre>
 * "HSKHNSW\0" | int format | int dimension, m, efConstruction, count | long entry | long maxLabel
 * | short n + n bytes archive id (UTF-8)
 * | labels (count longs) | levels (count bytes) | level-0 links (count * (2m+1) ints)
 * | upper links of nodes with level > 0, in node order (level * (m+1) ints each)
 * | vectors as fp16 (count * dimension shorts) | int CRC32C of everything before
 * </pre>
 * Vectors are fp16 because the archive's source of truth is fp16: storing them so is lossless and
 * halves the file. Written to a temp file, fsynced and renamed over the old one, so a crash leaves
 * either the old or the new index.
 */
public final class HnswFile {
    static final byte[] MAGIC = "HSKHNSW\0".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT = 1;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A loaded graph and the archive it was built for. */
    public record Loaded(HnswGraph graph, String archiveId) {
    }

    private HnswFile() {
    }

    // ---- writing ----

    public static void write(HnswGraph graph, String archiveId, Path target) throws IOException {
        // A temp name of its own per writer: an indexer and a searcher may save the same index at once.
        Path temp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Output out = new Output(channel);
            writeGraph(graph, archiveId, out);
            out.finish();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Writes the first {@code n} nodes, n read after the entry point: a snapshot that stays
     * consistent while adds run (links to nodes added meanwhile are left out).
     */
    private static void writeGraph(HnswGraph g, String archiveId, Output out) throws IOException {
        long entry = g.entryPoint();
        int n = g.size();
        long maxLabel = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) maxLabel = Math.max(maxLabel, g.label(i));
        byte[] id = archiveId.getBytes(StandardCharsets.UTF_8);
        out.room(64 + id.length);
        ByteBuffer b = out.buffer;
        b.put(MAGIC).putInt(FORMAT).putInt(g.dimension).putInt(g.m).putInt(g.efConstruction).putInt(n)
                .putLong(entry).putLong(maxLabel).putShort((short) id.length).put(id);
        for (int i = 0; i < n; i++) out.room(8).putLong(g.label(i));
        for (int i = 0; i < n; i++) out.room(1).put(g.levelChunks[i >>> HnswGraph.CHUNK_BITS][i & (HnswGraph.CHUNK - 1)]);
        int[] list = new int[g.maxM0 + 1];
        for (int i = 0; i < n; i++) writeLinks(g, i, 0, n, list, out);
        for (int i = 0; i < n; i++) {
            int level = g.levelChunks[i >>> HnswGraph.CHUNK_BITS][i & (HnswGraph.CHUNK - 1)];
            for (int lc = 1; lc <= level; lc++) writeLinks(g, i, lc, n, list, out);
        }
        for (int i = 0; i < n; i++) {
            float[] vectors = g.vectorChunks[i >>> HnswGraph.CHUNK_BITS];
            int base = (i & (HnswGraph.CHUNK - 1)) * g.dimension;
            ByteBuffer r = out.room(2 * g.dimension);
            for (int j = 0; j < g.dimension; j++) r.putShort(Float.floatToFloat16(vectors[base + j]));
        }
    }

    private static void writeLinks(HnswGraph g, int node, int level, int n, int[] list, Output out) throws IOException {
        int slots = g.copyLinks(node, level, list);
        int kept = 0;
        for (int j = 1; j <= list[0]; j++) if (list[j] < n) list[1 + kept++] = list[j];
        list[0] = kept;
        ByteBuffer r = out.room(4 * slots);
        for (int j = 0; j < slots; j++) r.putInt(j <= kept ? list[j] : 0);
    }

    /** A buffered channel writer that keeps a CRC32C of every byte and appends it at the end. */
    private static final class Output {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
        private final FileChannel channel;
        private final CRC32C crc = new CRC32C();

        Output(FileChannel channel) {
            this.channel = channel;
        }

        ByteBuffer room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) flush();
            return buffer;
        }

        private void flush() throws IOException {
            buffer.flip();
            crc.update(buffer.duplicate());
            while (buffer.hasRemaining()) channel.write(buffer);
            buffer.clear();
        }

        void finish() throws IOException {
            flush();
            buffer.putInt((int) crc.getValue()).flip();
            while (buffer.hasRemaining()) channel.write(buffer);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot fsync a directory; the rename itself is still atomic.
        }
    }

    // ---- reading ----

    public static Loaded read(Path file) throws IOException, CorruptIndexException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long size = channel.size();
            if (size < MAGIC.length + 48) throw new CorruptIndexException(file + ": truncated (" + size + " bytes)");
            MemorySegment data = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            checkMagic(file, data);
            verifyChecksum(file, data, size);
            return parse(file, data, size);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException e) {
            throw new CorruptIndexException(file + ": unreadable (" + e.getMessage() + ")");
        }
    }

    private static void checkMagic(Path file, MemorySegment data) throws CorruptIndexException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, i) != MAGIC[i]) throw new CorruptIndexException(file + ": not a Histoseek index file");
        }
        int format = data.get(INT, MAGIC.length);
        if (format != FORMAT) throw new CorruptIndexException(file + ": index format " + format + ", expected " + FORMAT);
    }

    private static void verifyChecksum(Path file, MemorySegment data, long size) throws CorruptIndexException {
        CRC32C crc = new CRC32C();
        long body = size - 4;
        for (long at = 0; at < body; at += 1 << 30) {
            crc.update(data.asSlice(at, Math.min(1 << 30, body - at)).asByteBuffer());
        }
        if ((int) crc.getValue() != data.get(INT, body)) throw new CorruptIndexException(file + ": checksum mismatch");
    }

    private static Loaded parse(Path file, MemorySegment data, long size) throws CorruptIndexException {
        long at = MAGIC.length + 4;
        int dimension = data.get(INT, at);
        int m = data.get(INT, at + 4);
        int efConstruction = data.get(INT, at + 8);
        int n = data.get(INT, at + 12);
        long entry = data.get(LONG, at + 16);
        long maxLabel = data.get(LONG, at + 24);
        int idLength = data.get(SHORT, at + 32);
        at += 34;
        byte[] id = new byte[idLength];
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, id, 0, idLength);
        at += idLength;
        if (dimension <= 0 || m < 2 || m > 128 || n < 0) throw new CorruptIndexException(file + ": bad header");

        HnswGraph g = new HnswGraph(dimension, m, efConstruction, 42);
        for (int c = 0; c <= (n - 1) >>> HnswGraph.CHUNK_BITS && n > 0; c++) g.allocateChunk(c);
        for (int i = 0; i < n; i += HnswGraph.CHUNK) {
            int len = Math.min(HnswGraph.CHUNK, n - i);
            MemorySegment.copy(data, LONG, at + 8L * i, g.labelChunks[i >>> HnswGraph.CHUNK_BITS], 0, len);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at + 8L * n + i, g.levelChunks[i >>> HnswGraph.CHUNK_BITS], 0, len);
        }
        at += 9L * n;
        int stride0 = g.maxM0 + 1;
        for (int i = 0; i < n; i += HnswGraph.CHUNK) {
            int len = Math.min(HnswGraph.CHUNK, n - i);
            MemorySegment.copy(data, INT, at + 4L * stride0 * i, g.level0Chunks[i >>> HnswGraph.CHUNK_BITS], 0, len * stride0);
        }
        at += 4L * stride0 * n;
        for (int i = 0; i < n; i++) {
            int level = g.levelChunks[i >>> HnswGraph.CHUNK_BITS][i & (HnswGraph.CHUNK - 1)];
            if (level == 0) continue;
            if (level < 0) throw new CorruptIndexException(file + ": bad level of node " + i);
            int[] upper = new int[level * (m + 1)];
            MemorySegment.copy(data, INT, at, upper, 0, upper.length);
            at += 4L * upper.length;
            g.upperChunks[i >>> HnswGraph.CHUNK_BITS][i & (HnswGraph.CHUNK - 1)] = upper;
        }
        if (at + 2L * n * dimension + 4 != size) throw new CorruptIndexException(file + ": size does not match its header");
        short[] halves = new short[HnswGraph.CHUNK * dimension];
        for (int i = 0; i < n; i += HnswGraph.CHUNK) {
            int len = Math.min(HnswGraph.CHUNK, n - i) * dimension;
            MemorySegment.copy(data, SHORT, at + 2L * i * dimension, halves, 0, len);
            float[] vectors = g.vectorChunks[i >>> HnswGraph.CHUNK_BITS];
            for (int j = 0; j < len; j++) vectors[j] = Float.float16ToFloat(halves[j]);
        }
        if (n > 0 && ((int) entry < 0 || (int) entry >= n)) throw new CorruptIndexException(file + ": bad entry point");
        checkLinks(file, g, n);
        g.restore(n, entry, maxLabel);
        return new Loaded(g, new String(id, StandardCharsets.UTF_8));
    }

    /** Rejects link ids outside the graph, so a corrupt-but-checksummed file cannot crash a search. */
    private static void checkLinks(Path file, HnswGraph g, int n) throws CorruptIndexException {
        for (int i = 0; i < n; i++) {
            int level = g.levelChunks[i >>> HnswGraph.CHUNK_BITS][i & (HnswGraph.CHUNK - 1)];
            for (int lc = 0; lc <= level; lc++) {
                int[] links = g.linksArray(i, lc);
                int base = g.linksBase(i, lc);
                int count = links[base];
                if (count < 0 || count > (lc == 0 ? g.maxM0 : g.m)) throw new CorruptIndexException(file + ": bad link count at node " + i);
                for (int j = 1; j <= count; j++) {
                    if (links[base + j] < 0 || links[base + j] >= n) throw new CorruptIndexException(file + ": bad link at node " + i);
                }
            }
        }
    }
}
