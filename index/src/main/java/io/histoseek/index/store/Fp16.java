package io.histoseek.index.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings are stored as IEEE half floats, little-endian: half the bytes, ~1e-3 relative error. */
public final class Fp16 {
    private Fp16() {
    }

    public static byte[] encode(float[] vector) {
        ByteBuffer out = ByteBuffer.allocate(vector.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) out.putShort(Float.floatToFloat16(v));
        return out.array();
    }

    public static float[] decode(byte[] blob) {
        float[] out = new float[blob.length / 2];
        decodeInto(blob, out, 0);
        return out;
    }

    /** Decodes into {@code out[offset ..]}, so bulk reads can fill one big array without copies. */
    public static void decodeInto(byte[] blob, float[] out, int offset) {
        for (int i = 0, n = blob.length / 2; i < n; i++) {
            short bits = (short) ((blob[2 * i] & 0xff) | (blob[2 * i + 1] << 8));
            out[offset + i] = Float.float16ToFloat(bits);
        }
    }
}
