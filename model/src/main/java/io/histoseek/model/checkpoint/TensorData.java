package io.histoseek.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a checkpoint: its contiguous little-endian elements (usually a read-only mapping
 * of the file, so do not write to it), element type and shape.
 */
public record TensorData(ByteBuffer data, DType dtype, long[] shape) {
    public TensorData {
        shape = shape.clone();
        data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = numel(shape) * dtype.bytes();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs "
                    + expected + " bytes, got " + data.remaining());
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public long numel() {
        return numel(shape);
    }

    public float get(int index) {
        return dtype.read(data, index);
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
