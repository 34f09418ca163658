package io.histoseek.app.config;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkpoint the user set up with {@code histoseek model download} or {@code model use}, as
 * recorded in the settings file once the loader verified it.
 *
 * @param checkpoint absolute path of the checkpoint file
 * @param sizeBytes  its size when it was verified (a different size now means it changed)
 * @param identity   what the loader recognised, one line (architecture, tensors, precision)
 * @param verifiedAt when it was verified
 */
public record RegisteredModel(Path checkpoint, long sizeBytes, String identity, Instant verifiedAt) {
    private static final String CHECKPOINT = "model.checkpoint";
    private static final String SIZE = "model.size";
    private static final String IDENTITY = "model.identity";
    private static final String VERIFIED_AT = "model.verifiedAt";

    public static Optional<RegisteredModel> from(AppConfig config) {
        return config.get(CHECKPOINT).map(path -> new RegisteredModel(
                Path.of(path),
                config.get(SIZE).flatMap(RegisteredModel::parseSize).orElse(-1L),
                config.get(IDENTITY).orElse(""),
                config.get(VERIFIED_AT).flatMap(RegisteredModel::parseInstant).orElse(Instant.EPOCH)));
    }

    // A hand-edited settings file must not stop the app: unreadable extras just read as unknown.
    private static Optional<Long> parseSize(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseInstant(String value) {
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public void writeTo(AppConfig config) {
        config.set(CHECKPOINT, checkpoint.toAbsolutePath().toString())
                .set(SIZE, Long.toString(sizeBytes))
                .set(IDENTITY, identity)
                .set(VERIFIED_AT, verifiedAt.toString());
    }
}
