package io.histoseek.model.checkpoint;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Bounds-checked reads and read-only mappings of byte ranges of one file. */
final class FileRegions {
    private final FileChannel channel;
    private final Arena mappings;
    private final long size;

    FileRegions(FileChannel channel, Arena mappings) throws IOException {
        this.channel = channel;
        this.mappings = mappings;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    /** Reads {@code length} bytes at {@code offset} onto the heap (for headers, not tensors). */
    ByteBuffer read(long offset, int length, String what) throws IOException, FormatProblem {
        require(offset, length, what);
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new FormatProblem("truncated: " + what + " ends past the end of the file");
            }
        }
        return buffer.flip();
    }

    /** Maps a range straight from the file; the mapping lives until the arena closes. */
    ByteBuffer map(long offset, long length, String what) throws IOException, FormatProblem {
        require(offset, length, what);
        if (length > Integer.MAX_VALUE) {
            throw new FormatProblem(what + " is larger than 2 GiB, which one tensor may not be");
        }
        if (length == 0) {
            return ByteBuffer.allocateDirect(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, offset, length, mappings).asByteBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private void require(long offset, long length, String what) throws FormatProblem {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new FormatProblem("truncated: " + what + " (bytes " + offset + ".." + (offset + length)
                    + ") lies past the end of the file (" + size + " bytes)");
        }
    }
}
