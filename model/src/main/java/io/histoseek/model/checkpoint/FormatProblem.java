package io.histoseek.model.checkpoint;

/** Why a file is not a usable checkpoint; {@link CheckpointReader} adds the file name. */
final class FormatProblem extends Exception {
    private static final long serialVersionUID = 1L;

    FormatProblem(String problem) {
        super(problem);
    }
}
