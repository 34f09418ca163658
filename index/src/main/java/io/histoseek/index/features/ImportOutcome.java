package io.histoseek.index.features;

import java.nio.file.Path;

/**
 * What became of one features file.
 *
 * @param file       the .h5 file
 * @param slide      the slide's stored path (for a slide whose file was not found: its name), or "" when failed early
 * @param tiles      tiles stored (0 when failed)
 * @param slideFound whether the slide file was found (an imported slide not found is recorded missing)
 * @param problem    why the file failed (null when imported)
 */
public record ImportOutcome(Path file, String slide, int tiles, boolean slideFound, String problem) {
    public static ImportOutcome imported(Path file, String slide, int tiles, boolean slideFound) {
        return new ImportOutcome(file, slide, tiles, slideFound, null);
    }

    public static ImportOutcome failed(Path file, String slide, String problem) {
        return new ImportOutcome(file, slide, 0, false, problem);
    }

    public boolean isImported() {
        return problem == null;
    }
}
