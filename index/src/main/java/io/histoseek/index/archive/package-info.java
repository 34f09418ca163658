/**
 * The archive API, engine-neutral: records of slides and tiles, what a stored slide path stands for
 * ({@link io.histoseek.index.archive.SlideNames}), the {@link io.histoseek.index.archive.Archive}
 * read and {@link io.histoseek.index.archive.ArchiveWriter} write interfaces, the
 * {@link io.histoseek.index.archive.VectorEngine} and {@link io.histoseek.index.archive.Archives}, the one
 * place that opens an archive. Uses only the model API; names no SQL, Lucene or file layout
 * (implementations plug in through {@link io.histoseek.index.archive.ArchiveProvider}).
 */
package io.histoseek.index.archive;
