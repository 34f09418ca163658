package io.histoseek.index.cases.report;

import io.histoseek.index.cases.Evaluation;

import java.util.List;

/** What a report shows: a title, the run's parameters as label and value, and the evaluation. */
public record Report(String title, List<Parameter> parameters, Evaluation evaluation) {
    public record Parameter(String name, String value) {
    }

    public Report {
        parameters = List.copyOf(parameters);
    }
}
