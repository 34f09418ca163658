package io.histoseek.model.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.histoseek.model.checkpoint.DType;
import io.histoseek.model.checkpoint.TensorData;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hands checkpoint tensors to DJL. F32/F16 data is passed as the mapped buffer itself (PyTorch
 * wraps it without a copy on the CPU); BF16 is widened to F32 here, because DJL has no bfloat16
 * mapping and dies on one.
 */
final class DjlTensors {
    private DjlTensors() {}

    static NDArray load(NDManager manager, TensorData tensor, DataType target) {
        Shape shape = new Shape(tensor.shape());
        NDArray raw = switch (tensor.dtype()) {
            case F32 -> manager.create(tensor.data().slice(), shape, DataType.FLOAT32);
            case F16 -> manager.create(tensor.data().slice(), shape, DataType.FLOAT16);
            case BF16 -> manager.create(widenBfloat16(tensor), shape, DataType.FLOAT32);
        };
        if (raw.getDataType() == target) {
            return raw;
        }
        NDArray converted = raw.toType(target, false);
        raw.close();
        return converted;
    }

    /** Off-heap and outside the direct-buffer limit; freed once DJL drops the buffer. */
    private static ByteBuffer widenBfloat16(TensorData tensor) {
        int count = Math.toIntExact(tensor.numel());
        ByteBuffer widened = Arena.ofAuto().allocate(4L * count, 64).asByteBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer source = tensor.data();
        for (int i = 0; i < count; i++) {
            widened.putInt(4 * i, (source.getShort(2 * i) & 0xFFFF) << 16);
        }
        assert tensor.dtype() == DType.BF16;
        return widened;
    }
}
