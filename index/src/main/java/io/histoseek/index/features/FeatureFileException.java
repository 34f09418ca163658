package io.histoseek.index.features;

import java.nio.file.Path;

/** A features file that cannot be used, told in one line: the file, then what is wrong with it. */
public final class FeatureFileException extends RuntimeException {
    private final String problem;

    public FeatureFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.problem = problem;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
