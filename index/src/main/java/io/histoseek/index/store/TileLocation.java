package io.histoseek.index.store;

/** A stored tile together with the slide it belongs to. */
public record TileLocation(TileRecord tile, SlideRecord slide) {
}
