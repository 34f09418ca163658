package io.histoseek.app.cli;

import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** The encoder options every command that embeds tiles shares (a picocli mixin). */
public final class ModelOptions {
    /** Environment variable naming the checkpoint when --checkpoint is not given. */
    public static final String CHECKPOINT_ENV = "HISTOSEEK_CHECKPOINT";

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "H-optimus-0 weights: .pth/.bin (torch.save) or .safetensors (default: $" + CHECKPOINT_ENV + ")")
    Path checkpoint;

    @Option(names = "--heads", paramLabel = "N",
            description = "attention heads (default: width/64, i.e. 24 for H-optimus-0)")
    Integer heads;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", converter = DeviceConverter.class,
            description = "where to run (default: ${DEFAULT-VALUE})")
    Device device;

    @Option(names = "--precision", paramLabel = "fp32|fp16", converter = PrecisionConverter.class,
            description = "arithmetic (default: fp16 on a GPU, fp32 on the CPU)")
    Precision precision;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + EncoderOptions.DEFAULT_BATCH_SIZE,
            description = "tiles per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    /** The checkpoint to use: --checkpoint, else $HISTOSEEK_CHECKPOINT. */
    public Path resolveCheckpoint() {
        return resolveCheckpoint(System.getenv());
    }

    Path resolveCheckpoint(Map<String, String> environment) {
        if (checkpoint != null) {
            return checkpoint;
        }
        String fromEnvironment = environment.get(CHECKPOINT_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        throw new IllegalArgumentException("no checkpoint: give --checkpoint FILE or set " + CHECKPOINT_ENV);
    }

    public OptionalInt heads() {
        return heads == null ? OptionalInt.empty() : OptionalInt.of(heads);
    }

    public EncoderOptions encoderOptions() {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        if (heads != null && heads < 1) {
            throw new IllegalArgumentException("--heads must be at least 1, got " + heads);
        }
        return new EncoderOptions(device, precision, batchSize, heads());
    }

    static final class DeviceConverter implements ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            try {
                return Device.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of auto, cpu, gpu");
            }
        }
    }

    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of fp32, fp16");
            }
        }
    }
}
