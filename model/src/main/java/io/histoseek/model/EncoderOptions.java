package io.histoseek.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How to open an encoder. {@code precision} may be null: then {@link Encoders#open} chooses
 * FP16 on a GPU and FP32 on the CPU. {@code heads} overrides the head count read from the shapes.
 */
public record EncoderOptions(Device device, Precision precision, int batchSize, OptionalInt heads) {
    public static final int DEFAULT_BATCH_SIZE = 16;

    public EncoderOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(heads, "heads");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /** AUTO device, precision chosen by device, batch 16, heads from the shapes. */
    public static EncoderOptions defaults() {
        return new EncoderOptions(Device.AUTO, null, DEFAULT_BATCH_SIZE, OptionalInt.empty());
    }

    public EncoderOptions withDevice(Device newDevice) {
        return new EncoderOptions(newDevice, precision, batchSize, heads);
    }

    public EncoderOptions withPrecision(Precision newPrecision) {
        return new EncoderOptions(device, newPrecision, batchSize, heads);
    }

    public EncoderOptions withBatchSize(int newBatchSize) {
        return new EncoderOptions(device, precision, newBatchSize, heads);
    }

    public EncoderOptions withHeads(OptionalInt newHeads) {
        return new EncoderOptions(device, precision, batchSize, newHeads);
    }
}
