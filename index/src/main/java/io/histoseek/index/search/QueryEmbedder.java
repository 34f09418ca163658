package io.histoseek.index.search;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Embeds a region of a slide the archive does not cover (a new case just opened), with the
 * archive's own checkpoint. For a point query {@code width} and {@code height} are 0 and the tile
 * to embed is the one of the archive's tiling grid that contains (x, y). Returns empty when the
 * region is glass (no tissue); throws with a one-line message when the slide cannot be read or the
 * point lies outside it.
 */
@FunctionalInterface
public interface QueryEmbedder {
    Optional<float[]> embed(Path slide, long x, long y, long width, long height);
}
