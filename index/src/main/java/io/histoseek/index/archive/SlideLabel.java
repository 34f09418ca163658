package io.histoseek.index.archive;

import java.util.Objects;

/**
 * A slide's label (a diagnosis, a subtype, a tissue) and the case it belongs to (a patient, a
 * block); {@code caseName} null means the slide is a case of its own.
 */
public record SlideLabel(long slideId, String label, String caseName) {
    public SlideLabel {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) throw new IllegalArgumentException("a label must not be blank");
        if (caseName != null && caseName.isBlank()) caseName = null;
    }

    /** The case as the leave-one-case-out protocol needs it: the name, or one that only this slide has. */
    public String caseId() {
        return caseName != null ? "case:" + caseName : "slide:" + slideId;
    }
}
