/**
 * Search over an archive: by a point or rectangle of a slide (stored tiles, or embedded on the
 * fly through a {@link io.histoseek.index.search.QueryEmbedder}) or by a vector. Uses the archive
 * API ({@code Archive}, {@code VectorEngine}) only: never SQL, Lucene or an archive implementation.
 */
package io.histoseek.index.search;
