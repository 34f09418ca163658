/**
 * Cutting a slide into model tiles: tissue detection, the tile grid at the model's scale, and
 * reading a tile's pixels. Reads slides only through {@code index.slide.SlideImage}; must not
 * know OpenSlide, the archive, the encoder or the UI.
 */
package io.histoseek.index.tile;
