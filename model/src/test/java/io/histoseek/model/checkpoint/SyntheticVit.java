package io.histoseek.model.checkpoint;

import io.histoseek.model.VitArchitecture;
import io.histoseek.model.vit.VitLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Random-weight checkpoints of any ViT size, streamed to disk (for the over-2-GiB test and the
 * real-size benchmark). Each element is a hash of its index, so values can be checked after reading.
 * Scales keep activations sane: Linear/Conv weights uniform with unit output variance, LayerNorm
 * weights 1, LayerScale 0.1, tokens and position embedding of scale 0.5, biases 0.02.
 */
public final class SyntheticVit {
    private SyntheticVit() {}

    public static void write(Path file, VitArchitecture arch) throws IOException {
        List<TorchCheckpointWriter.Tensor> tensors = new ArrayList<>();
        int seed = 0;
        for (var entry : VitLayout.expectedShapes(arch).entrySet()) {
            String name = entry.getKey();
            long[] shape = entry.getValue();
            int tensorSeed = ++seed;
            float scale = scale(name, shape);
            float offset = name.contains("norm") && name.endsWith(".weight") ? 1f : 0f;
            tensors.add(new TorchCheckpointWriter.Tensor(name, DType.F32, shape, (chunk, elementOffset) -> {
                long index = elementOffset;
                while (chunk.hasRemaining()) {
                    chunk.putFloat(value(tensorSeed, index++, scale, offset));
                }
            }));
        }
        TorchCheckpointWriter.write(file, tensors);
    }

    /** The value {@link #write} stores at element {@code index} of the {@code seed}-th tensor. */
    public static float value(int seed, long index, float scale, float offset) {
        long h = (index + 1) * 0x9E3779B97F4A7C15L + seed * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        float uniform = (h >>> 40) * 0x1.0p-24f * 2f - 1f;
        return offset + scale * uniform;
    }

    public static float scale(String name, long[] shape) {
        if (name.contains("norm") && name.endsWith(".weight")) {
            return 0f;
        }
        if (name.endsWith(".gamma")) {
            return 0.1f;
        }
        if (name.endsWith("bias")) {
            return 0.02f;
        }
        if (name.endsWith(".weight")) {
            long fanIn = 1;
            for (int i = 1; i < shape.length; i++) {
                fanIn *= shape[i];
            }
            return (float) Math.sqrt(3.0 / fanIn);
        }
        return 0.5f;
    }
}
