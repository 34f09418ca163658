package io.histoseek.model;

import io.histoseek.model.support.OneLine;
import java.nio.file.Path;

/** A checkpoint that cannot be used. The message is one line: {@code <file>: <problem>}. */
public final class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public CheckpointException(Path file, String problem) {
        this(file, problem, null);
    }

    public CheckpointException(Path file, String problem, Throwable cause) {
        super(file + ": " + OneLine.of(problem, "unusable checkpoint"), cause);
        this.file = file;
        this.problem = OneLine.of(problem, "unusable checkpoint");
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }

}
