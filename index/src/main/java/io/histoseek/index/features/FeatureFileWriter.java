package io.histoseek.index.features;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalDouble;

/**
 * Writes one slide's patches in the TRIDENT / CLAM layout that {@link FeatureFileReader} reads and
 * h5py opens: {@code features} N x D float32, {@code coords} N x 2 int64 (level-0 top-left) with
 * the attributes {@code patch_size_level0}, {@code name} and, when the slide's scale is known,
 * {@code level0_magnification} (10 / mpp). jhdf writes a dataset from one array, so a slide's rows
 * are on the heap while it is written. The file appears whole or not at all (written beside it, then moved).
 */
public final class FeatureFileWriter {
    private FeatureFileWriter() {
    }

    public static void write(Path file, String name, int patchSizeLevel0, OptionalDouble level0Magnification,
                             long[][] coords, float[][] features) {
        if (coords.length != features.length) {
            throw new IllegalArgumentException(coords.length + " coordinates for " + features.length + " feature rows");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (WritableHdfFile hdf = HdfFile.write(partial)) {
                hdf.putDataset("features", features);
                WritableDataset places = hdf.putDataset("coords", coords);
                places.putAttribute("patch_size_level0", (long) patchSizeLevel0);
                places.putAttribute("name", name);
                if (level0Magnification.isPresent()) places.putAttribute("level0_magnification", level0Magnification.getAsDouble());
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // The move failed already and says so; a leftover .partial is harmless.
            }
        }
    }
}
