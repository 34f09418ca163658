package io.histoseek.model.checkpoint;

import java.nio.ByteBuffer;

/** The floating-point element types a checkpoint tensor may hold (little-endian on disk). */
public enum DType {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** Element {@code index} of a little-endian buffer of this type, as a float. */
    public float read(ByteBuffer data, int index) {
        return switch (this) {
            case F32 -> data.getFloat(index * 4);
            case F16 -> Float.float16ToFloat(data.getShort(index * 2));
            case BF16 -> Float.intBitsToFloat((data.getShort(index * 2) & 0xFFFF) << 16);
        };
    }
}
