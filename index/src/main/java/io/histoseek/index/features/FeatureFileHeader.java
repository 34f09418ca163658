package io.histoseek.index.features;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * What a features file holds besides its rows.
 *
 * @param file                the .h5 file
 * @param name                the slide's name: the file's stem ({@code s042.h5} holds slide {@code s042})
 * @param rows                patches (rows of {@code features} and of {@code coords})
 * @param dimension           floats per feature vector
 * @param patchSizeLevel0     a patch's side in level-0 pixels (attribute {@code patch_size_level0})
 * @param level0Magnification the slide's objective power (attribute {@code level0_magnification}), if recorded
 */
public record FeatureFileHeader(Path file, String name, int rows, int dimension, int patchSizeLevel0,
                                OptionalDouble level0Magnification) {
    /** The stem of a file name: the name without its last extension. */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Microns per level-0 pixel by the usual convention (10 / objective power), if the magnification is recorded. */
    public OptionalDouble mppFromMagnification() {
        return level0Magnification.isPresent() && level0Magnification.getAsDouble() > 0
                ? OptionalDouble.of(10 / level0Magnification.getAsDouble()) : OptionalDouble.empty();
    }
}
