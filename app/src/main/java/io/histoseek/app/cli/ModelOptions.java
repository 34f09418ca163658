package io.histoseek.app.cli;

import io.histoseek.app.config.AppConfig;
import io.histoseek.app.config.AppDirs;
import io.histoseek.app.config.RegisteredModel;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The checkpoint to use: --checkpoint, else $HISTOSEEK_CHECKPOINT, else the one registered with
     * {@code histoseek model download} or {@code model use}.
     */
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
        return registeredCheckpoint(environment).orElseThrow(() -> new IllegalArgumentException(
                "no checkpoint: run `histoseek model download` or `histoseek model use FILE` once,"
                        + " or give --checkpoint FILE or set " + CHECKPOINT_ENV));
    }

    // The settings are found through the same environment (XDG_CONFIG_HOME or HOME) as the rest.
    private static Optional<Path> registeredCheckpoint(Map<String, String> environment) {
        String home = environment.get("HOME");
        if ((home == null || home.isBlank()) && environment.get("XDG_CONFIG_HOME") == null) {
            return Optional.empty();
        }
        AppDirs dirs = AppDirs.from(environment, Path.of(home == null ? "/" : home));
        Optional<Path> registered;
        try {
            registered = RegisteredModel.from(AppConfig.load(dirs)).map(RegisteredModel::checkpoint);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        registered.filter(file -> !Files.isRegularFile(file)).ifPresent(file -> {
            throw new IllegalArgumentException(file + ": the registered checkpoint is gone;"
                    + " run `histoseek model use FILE` or `histoseek model download`");
        });
        return registered;
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
