/**
 * Cases: labels of slides, the majority vote with abstention, the leave-one-case-out protocol, the
 * retrieval metrics, the slide-level ranking rule, and evaluations over tile folders. Pure functions
 * over vectors, labels and a search function; may use the model API (encoder, preprocessing) and the
 * JDK; must not name an archive implementation, SQL, Lucene or any UI.
 */
package io.histoseek.index.cases;
