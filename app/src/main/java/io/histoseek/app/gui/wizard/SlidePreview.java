package io.histoseek.app.gui.wizard;

import java.nio.file.Path;

/**
 * One slide file the wizard found: its format, size on disk (with companion files), scale, and
 * how many tissue tiles indexing would embed; {@code problem} says why it would fail (else empty).
 */
public record SlidePreview(Path file, String format, long bytes, String mpp, int estimatedTiles, String problem) {
    public boolean indexable() {
        return problem.isEmpty();
    }
}
