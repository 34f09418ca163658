package io.histoseek.model.checkpoint;

import io.histoseek.model.CheckpointException;
import io.histoseek.model.SharedFixtures;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Re-writes the tiny fixture's tensors for the tests (other names, dtypes, containers). */
public final class CheckpointFixtures {
    private CheckpointFixtures() {}

    private static Checkpoint tiny;

    /** The tiny fixture's tensors, mapped once and kept open for the whole test run. */
    public static synchronized Map<String, TensorData> tinyTensors() throws CheckpointException {
        if (tiny == null) {
            tiny = CheckpointReader.read(SharedFixtures.model("tiny-hoptimus.safetensors"));
        }
        return tiny.tensors();
    }

    /** The tiny tensors as writer input, renamed and converted to {@code dtype}. */
    public static List<TorchCheckpointWriter.Tensor> tinyAs(DType dtype, UnaryOperator<String> rename)
            throws CheckpointException {
        List<TorchCheckpointWriter.Tensor> tensors = new ArrayList<>();
        tinyTensors().forEach((name, tensor) -> tensors.add(new TorchCheckpointWriter.Tensor(
                rename.apply(name), dtype, tensor.shape(), converted(tensor, dtype))));
        return tensors;
    }

    private static TorchCheckpointWriter.Filler converted(TensorData tensor, DType dtype) {
        return (ByteBuffer chunk, long elementOffset) -> {
            int index = (int) elementOffset;
            while (chunk.hasRemaining()) {
                float value = tensor.get(index++);
                switch (dtype) {
                    case F32 -> chunk.putFloat(value);
                    case F16 -> chunk.putShort(Float.floatToFloat16(value));
                    case BF16 -> chunk.putShort(toBfloat16(value));
                }
            }
        };
    }

    /** Round-to-nearest-even float32 to bfloat16, as torch converts. */
    public static short toBfloat16(float value) {
        int bits = Float.floatToIntBits(value);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
