package io.histoseek.index.ann;

/** Told how far a (re)build of the index got; {@code message} says why it runs (first call only). */
@FunctionalInterface
public interface IndexProgress {
    IndexProgress NONE = (message, done, total) -> { };

    void update(String message, long done, long total);
}
