/**
 * The local archive: a folder with SQLite (schema and migrations, slides, tiles, meta and
 * provenance, one transaction helper), the Lucene vector engine and its format, the writer lock,
 * the consistency check after a crash and the migration of version-1 archives. Uses the archive
 * API, the model API, SQLite and Lucene; nothing outside this package names them. Knows nothing of
 * slides' pixels, the pipeline, search or the app.
 */
package io.histoseek.index.archive.local;
