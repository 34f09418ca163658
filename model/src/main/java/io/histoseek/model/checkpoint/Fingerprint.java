package io.histoseek.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over the sorted tensor names, their shapes and {@value #SAMPLES_PER_TENSOR} evenly
 * spaced values of each tensor as float32 bits: the same weights give the same fingerprint
 * whatever the file's path or format, and it touches only a few pages of a multi-GB file.
 */
public final class Fingerprint {
    static final int SAMPLES_PER_TENSOR = 64;

    private Fingerprint() {}

    public static String of(Map<String, TensorData> tensors) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, TensorData> entry : new TreeMap<>(tensors).entrySet()) {
            TensorData tensor = entry.getValue();
            digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            long[] shape = tensor.shape();
            ByteBuffer scratch = ByteBuffer.allocate(4 + 8 * shape.length + 4 * SAMPLES_PER_TENSOR).putInt(shape.length);
            for (long dimension : shape) {
                scratch.putLong(dimension);
            }
            long numel = tensor.numel();
            int samples = (int) Math.min(numel, SAMPLES_PER_TENSOR);
            for (int i = 0; i < samples; i++) {
                int index = (int) (i * numel / samples);
                scratch.putInt(Float.floatToIntBits(tensor.get(index)));
            }
            digest.update(scratch.flip());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
