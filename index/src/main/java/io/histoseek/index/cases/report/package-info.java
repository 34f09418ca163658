/**
 * The evaluation report: a self-contained offline {@code index.html}, a confusion-matrix PNG per K,
 * {@code per-query.csv} and {@code summary.json}, all written from one {@code cases.Evaluation}.
 * Uses {@code index.cases} and the JDK (Java2D for the PNGs); must not compute a figure of its own.
 */
package io.histoseek.index.cases.report;
