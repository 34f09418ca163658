/**
 * Search over an archive: by a point or rectangle of a slide (stored tiles, or embedded on the
 * fly through a {@link io.histoseek.index.search.QueryEmbedder}) or by a vector; and the case
 * features over it (labels and their filters, the vote, slide search, the evaluation), built on
 * {@code index.cases}. Uses the archive API ({@code Archive}, {@code VectorEngine}) only: never
 * SQL, Lucene or an archive implementation.
 */
package io.histoseek.index.search;
