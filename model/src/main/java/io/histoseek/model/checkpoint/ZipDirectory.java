package io.histoseek.model.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The central directory of a zip archive, zip64 included, read straight from the file so that
 * stored (uncompressed) entries can be memory-mapped where they lie. java.util.zip cannot say
 * where an entry's bytes start.
 */
final class ZipDirectory {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL_ENTRY = 0x02014b50;
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int MAX_EOCD_SEARCH = 22 + 0xFFFF;
    private static final long MAX_DIRECTORY_BYTES = 256L << 20;

    record Entry(String name, int method, int flags, long compressedSize, long size, long localHeaderOffset) {}

    private final FileRegions file;
    private final Map<String, Entry> entries;

    private ZipDirectory(FileRegions file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    static ZipDirectory read(FileRegions file) throws IOException, FormatProblem {
        int tailLength = (int) Math.min(file.size(), MAX_EOCD_SEARCH);
        ByteBuffer tail = file.read(file.size() - tailLength, tailLength, "zip end record");
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new FormatProblem("truncated or damaged zip archive: no end-of-archive record");
        }
        long count = Short.toUnsignedLong(tail.getShort(eocd + 10));
        long directorySize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long directoryOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if (count == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
            long eocdPosition = file.size() - tailLength + eocd;
            ByteBuffer locator = file.read(eocdPosition - 20, 20, "zip64 end locator");
            if (locator.getInt(0) != ZIP64_LOCATOR) {
                throw new FormatProblem("damaged zip64 archive: no zip64 end locator");
            }
            ByteBuffer record = file.read(locator.getLong(8), 56, "zip64 end record");
            if (record.getInt(0) != ZIP64_EOCD) {
                throw new FormatProblem("damaged zip64 archive: no zip64 end record");
            }
            count = record.getLong(32);
            directorySize = record.getLong(40);
            directoryOffset = record.getLong(48);
        }
        if (directorySize > MAX_DIRECTORY_BYTES || count > directorySize / 46) {
            throw new FormatProblem("damaged zip archive: implausible central directory (" + count + " entries, "
                    + directorySize + " bytes)");
        }
        ByteBuffer directory = file.read(directoryOffset, (int) directorySize, "zip central directory");
        return new ZipDirectory(file, parseEntries(directory, count));
    }

    private static Map<String, Entry> parseEntries(ByteBuffer directory, long count) throws FormatProblem {
        Map<String, Entry> entries = new LinkedHashMap<>();
        int position = 0;
        for (long i = 0; i < count; i++) {
            if (position + 46 > directory.limit() || directory.getInt(position) != CENTRAL_ENTRY) {
                throw new FormatProblem("damaged zip archive: central directory entry " + i + " is broken");
            }
            int flags = Short.toUnsignedInt(directory.getShort(position + 8));
            int method = Short.toUnsignedInt(directory.getShort(position + 10));
            long compressed = Integer.toUnsignedLong(directory.getInt(position + 20));
            long size = Integer.toUnsignedLong(directory.getInt(position + 24));
            int nameLength = Short.toUnsignedInt(directory.getShort(position + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(position + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(position + 32));
            long localOffset = Integer.toUnsignedLong(directory.getInt(position + 42));
            int end = position + 46 + nameLength + extraLength + commentLength;
            if (end > directory.limit()) {
                throw new FormatProblem("damaged zip archive: central directory entry " + i + " is cut short");
            }
            byte[] nameBytes = new byte[nameLength];
            directory.get(position + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            // Zip64 extra field: the 64-bit values of exactly those fields that were 0xFFFFFFFF, in this order.
            int extra = position + 46 + nameLength;
            int extraEnd = extra + extraLength;
            while (extra + 4 <= extraEnd) {
                int id = Short.toUnsignedInt(directory.getShort(extra));
                int length = Short.toUnsignedInt(directory.getShort(extra + 2));
                int value = extra + 4;
                if (id == 0x0001) {
                    if (size == 0xFFFFFFFFL) {
                        size = readLong(directory, value, extraEnd, name);
                        value += 8;
                    }
                    if (compressed == 0xFFFFFFFFL) {
                        compressed = readLong(directory, value, extraEnd, name);
                        value += 8;
                    }
                    if (localOffset == 0xFFFFFFFFL) {
                        localOffset = readLong(directory, value, extraEnd, name);
                    }
                }
                extra += 4 + length;
            }
            entries.put(name, new Entry(name, method, flags, compressed, size, localOffset));
            position = end;
        }
        return entries;
    }

    private static long readLong(ByteBuffer directory, int at, int limit, String name) throws FormatProblem {
        if (at + 8 > limit) {
            throw new FormatProblem("damaged zip archive: zip64 field of " + name + " is cut short");
        }
        return directory.getLong(at);
    }

    /** Maps a stored entry's bytes straight from the file. */
    ByteBuffer map(Entry entry) throws IOException, FormatProblem {
        return file.map(dataOffset(entry), entry.size(), "zip entry " + entry.name());
    }

    /** Reads a small stored entry onto the heap. */
    ByteBuffer read(Entry entry, int maxBytes) throws IOException, FormatProblem {
        if (entry.size() > maxBytes) {
            throw new FormatProblem(entry.name() + " is implausibly large (" + entry.size() + " bytes)");
        }
        return file.read(dataOffset(entry), (int) entry.size(), "zip entry " + entry.name());
    }

    private long dataOffset(Entry entry) throws IOException, FormatProblem {
        if ((entry.flags() & 1) != 0) {
            throw new FormatProblem("zip entry " + entry.name() + " is encrypted");
        }
        if (entry.method() != 0 || entry.compressedSize() != entry.size()) {
            throw new FormatProblem("zip entry " + entry.name() + " is compressed; torch.save stores entries"
                    + " uncompressed (re-save the checkpoint with torch.save)");
        }
        ByteBuffer header = file.read(entry.localHeaderOffset(), 30, "local header of " + entry.name());
        if (header.getInt(0) != LOCAL_HEADER) {
            throw new FormatProblem("damaged zip archive: bad local header for " + entry.name());
        }
        int nameLength = Short.toUnsignedInt(header.getShort(26));
        int extraLength = Short.toUnsignedInt(header.getShort(28));
        return entry.localHeaderOffset() + 30 + nameLength + extraLength;
    }
}
