package io.histoseek.index.archive.local;

/** The vectors of a version-1 archive: IEEE half floats, little-endian (read by {@link V1Migration} only). */
final class Fp16 {
    private Fp16() {
    }

    static float[] decode(byte[] blob) {
        float[] out = new float[blob.length / 2];
        for (int i = 0; i < out.length; i++) {
            short bits = (short) ((blob[2 * i] & 0xff) | (blob[2 * i + 1] << 8));
            out[i] = Float.float16ToFloat(bits);
        }
        return out;
    }
}
