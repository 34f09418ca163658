package io.histoseek.app.cli;

import io.histoseek.model.VitArchitecture;
import io.histoseek.model.vit.VitLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A randomly initialised checkpoint of H-optimus-0's real size (1.1 B parameters, 4.5 GB of
 * float32 safetensors) written in well under a second: the small tensors (norms, biases, tokens,
 * position embedding, LayerScale) get random values, the big weight matrices stay holes of a
 * sparse file, i.e. zeros that take no disk. The forward pass costs the same as with real weights.
 */
final class RealSizeCheckpoint {
    static final VitArchitecture H_OPTIMUS_0 = new VitArchitecture(1536, 40, 24, 4096, 4, 14);
    /** Tensors up to this many elements are written; larger ones are left as holes. */
    private static final long WRITTEN_ELEMENTS = 1 << 20;

    private RealSizeCheckpoint() {}

    static Path write(Path file) throws IOException {
        Map<String, long[]> shapes = VitLayout.expectedShapes(H_OPTIMUS_0);
        StringBuilder header = new StringBuilder("{");
        long end = 0;
        for (Map.Entry<String, long[]> tensor : shapes.entrySet()) {
            long bytes = 4 * elements(tensor.getValue());
            header.append(header.length() > 1 ? "," : "").append('"').append(tensor.getKey())
                    .append("\":{\"dtype\":\"F32\",\"shape\":[")
                    .append(Arrays.stream(tensor.getValue()).mapToObj(Long::toString).collect(Collectors.joining(",")))
                    .append("],\"data_offsets\":[").append(end).append(',').append(end + bytes).append("]}");
            end += bytes;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.US_ASCII);
        long base = 8 + headerBytes.length;
        Random random = new Random(12);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            write(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length), 0);
            write(out, ByteBuffer.wrap(headerBytes), 8);
            long offset = base;
            for (Map.Entry<String, long[]> tensor : shapes.entrySet()) {
                long count = elements(tensor.getValue());
                if (count <= WRITTEN_ELEMENTS) {
                    boolean normWeight = tensor.getKey().contains("norm") && tensor.getKey().endsWith(".weight");
                    ByteBuffer values = ByteBuffer.allocate((int) count * 4).order(ByteOrder.LITTLE_ENDIAN);
                    for (long i = 0; i < count; i++) {
                        values.putFloat((normWeight ? 1f : 0f) + 0.02f * (float) random.nextGaussian());
                    }
                    write(out, values.flip(), offset);
                }
                offset += 4 * count;
            }
            if (out.size() < offset) {
                write(out, ByteBuffer.allocate(1), offset - 1);
            }
        }
        return file;
    }

    private static long elements(long[] shape) {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    private static void write(FileChannel out, ByteBuffer data, long position) throws IOException {
        while (data.hasRemaining()) {
            position += out.write(data, position);
        }
    }
}
