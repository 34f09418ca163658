package io.histoseek.index.cases;

/** Where a long evaluation reports how far it got: {@code done} of {@code total} units of the named stage. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, done, total) -> {
    };

    void update(String stage, long done, long total);
}
