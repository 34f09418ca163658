package io.histoseek.index.features;

import io.histoseek.index.slide.SharedSlides;

import java.nio.file.Files;
import java.nio.file.Path;

/** The features fixtures in ../shared/data/features (see its README); fails loudly when one is missing. */
public final class SharedFeatures {
    public static final String GOOD = "CMU-1-Small-Region.h5";
    public static final String FLOAT16 = "float16/CMU-1-Small-Region.h5";
    public static final String ELSEWHERE = "elsewhere/case-0042.h5";

    private SharedFeatures() {
    }

    public static Path dir() {
        return SharedSlides.shared().resolve("data/features");
    }

    public static Path get(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("features fixture missing: " + file);
        return file;
    }
}
