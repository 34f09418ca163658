package io.histoseek.model.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes float32 safetensors files for tests; {@code gap} bytes of hole before the data put every
 * tensor past that offset (a sparse file: no disk used, nothing to write).
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {}

    public static void write(Path file, Map<String, TensorData> tensors, long gap) throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = gap;
        for (Map.Entry<String, TensorData> entry : tensors.entrySet()) {
            long bytes = entry.getValue().numel() * 4;
            header.append(",\"").append(entry.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":[")
                    .append(Arrays.stream(entry.getValue().shape()).mapToObj(Long::toString).collect(Collectors.joining(",")))
                    .append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) {
            header.append(' ');
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length));
            out.write(ByteBuffer.wrap(headerBytes));
            long position = 8 + headerBytes.length + gap;
            for (TensorData tensor : tensors.values()) {
                ByteBuffer data = ByteBuffer.allocate((int) tensor.numel() * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < tensor.numel(); i++) {
                    data.putFloat(tensor.get(i));
                }
                data.flip();
                while (data.hasRemaining()) {
                    position += out.write(data, position);
                }
            }
        }
    }
}
