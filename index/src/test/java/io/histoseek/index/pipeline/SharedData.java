package io.histoseek.index.pipeline;

import io.histoseek.index.slide.SharedSlides;

import java.nio.file.Path;

/** The shared test data the pipeline tests use (found by {@link SharedSlides}; fails loudly when missing). */
final class SharedData {
    private SharedData() {}

    static Path slides() {
        return SharedSlides.dir();
    }

    static Path tinyCheckpoint() {
        return SharedSlides.shared().resolve("fixtures/model/tiny-hoptimus.pth");
    }
}
