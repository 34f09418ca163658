package io.histoseek.model;

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
        super(file + ": " + firstLine(problem), cause);
        this.file = file;
        this.problem = firstLine(problem);
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "unusable checkpoint";
        }
        return text.lines().findFirst().orElse(text).strip();
    }
}
