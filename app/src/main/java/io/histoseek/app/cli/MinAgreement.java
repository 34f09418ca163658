package io.histoseek.app.cli;

/** {@code --min-agreement}: a share of the votes, 0 to 1. */
final class MinAgreement {
    private MinAgreement() {
    }

    static double check(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("--min-agreement must be a share of the votes between 0 and 1, got " + value);
        }
        return value;
    }
}
