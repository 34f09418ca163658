package io.histoseek.index.archive;

/** A stored tile together with the slide it belongs to. */
public record TileLocation(TileRecord tile, SlideRecord slide) {
}
