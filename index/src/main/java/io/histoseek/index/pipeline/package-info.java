/**
 * The indexing run (scan, reader threads, batches, encoder, the archive writer thread) and the
 * on-the-fly embedding of query regions. Uses the model, slide, tile, archive and search APIs;
 * writes only through {@code ArchiveWriter}, never SQL or Lucene; knows nothing of the app.
 */
package io.histoseek.index.pipeline;
