package io.histoseek.index.cases;

import java.util.Objects;

/**
 * What the protocol knows of a labeled item (a slide, or a tile of a folder): its label and the
 * case it belongs to. Items of the same case never vote for one another.
 */
public record CaseLabel(String label, String caseId) {
    public CaseLabel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(caseId, "caseId");
        if (label.isBlank()) throw new IllegalArgumentException("a label must not be blank");
        if (caseId.isBlank()) throw new IllegalArgumentException("a case must not be blank");
    }
}
