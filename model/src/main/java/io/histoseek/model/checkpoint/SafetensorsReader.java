package io.histoseek.model.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .safetensors} file of any size: u64 header length, a JSON header giving each tensor's
 * dtype, shape and byte range, then the raw data. Each tensor is mapped where it lies.
 */
final class SafetensorsReader {
    static final int MAX_HEADER_BYTES = 100 << 20;

    private SafetensorsReader() {}

    /** Whether the first bytes look like a safetensors header. */
    static boolean looksLike(ByteBuffer start, long fileSize) {
        if (start.remaining() < 9) {
            return false;
        }
        long headerLength = start.getLong(0);
        return headerLength >= 2 && headerLength <= Math.min(MAX_HEADER_BYTES, fileSize - 8) && start.get(8) == '{';
    }

    static Map<String, TensorData> read(FileRegions file) throws IOException, FormatProblem {
        long headerLength = file.read(0, 8, "safetensors header length").getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new FormatProblem("implausible safetensors header length " + headerLength);
        }
        ByteBuffer headerBytes = file.read(8, (int) headerLength, "safetensors header");
        String header = StandardCharsets.UTF_8.decode(headerBytes).toString();
        if (!(Json.parse(header) instanceof Map<?, ?> entries)) {
            throw new FormatProblem("damaged safetensors header: not a JSON object");
        }
        long base = 8 + headerLength;
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String name = (String) entry.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            tensors.put(name, tensor(file, base, name, entry.getValue()));
        }
        return tensors;
    }

    private static TensorData tensor(FileRegions file, long base, String name, Object description)
            throws IOException, FormatProblem {
        if (!(description instanceof Map<?, ?> fields)
                || !(fields.get("dtype") instanceof String dtypeName)
                || !(fields.get("shape") instanceof List<?> shapeList)
                || !(fields.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2) {
            throw new FormatProblem("damaged safetensors header: entry " + name + " lacks dtype, shape or data_offsets");
        }
        DType dtype = switch (dtypeName) {
            case "F32" -> DType.F32;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            default -> throw new FormatProblem("tensor " + name + " has dtype " + dtypeName + "; only F32, F16 and BF16 are supported");
        };
        long[] shape = new long[shapeList.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long dimension) || dimension < 0) {
                throw new FormatProblem("damaged safetensors header: bad shape of " + name);
            }
            shape[i] = dimension;
        }
        if (!(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end) || begin < 0 || end < begin) {
            throw new FormatProblem("damaged safetensors header: bad data_offsets of " + name);
        }
        long expected;
        try {
            expected = Math.multiplyExact(TensorData.numel(shape), dtype.bytes());
        } catch (ArithmeticException e) {
            throw new FormatProblem("damaged safetensors header: shape of " + name + " is too large");
        }
        if (end - begin != expected) {
            throw new FormatProblem("tensor " + name + " spans " + (end - begin) + " bytes but its shape needs " + expected);
        }
        return new TensorData(file.map(base + begin, expected, "tensor " + name), dtype, shape);
    }
}
