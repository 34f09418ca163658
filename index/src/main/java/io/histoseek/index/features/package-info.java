/**
 * Patch features in the TRIDENT / CLAM HDF5 layout (docs/features.md): reading and checking a file
 * a batch of rows at a time, writing one, importing files into an archive, attaching slides
 * imported by name to their files once found, and exporting an archive's slides. Uses the archive
 * API (never {@code archive.local}), the slide binding and the pipeline's slide scanner, and jhdf;
 * knows nothing of the app.
 */
package io.histoseek.index.features;
