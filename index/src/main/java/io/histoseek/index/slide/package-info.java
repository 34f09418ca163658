/**
 * The image abstraction: {@link io.histoseek.index.slide.SlideImage} (a pyramid of pixels one reads
 * regions from), {@link io.histoseek.index.slide.RegionRequest} (a region at a downsample; also the
 * cache key), the byte-bounded {@link io.histoseek.index.slide.RegionCache}, the shared handle pool,
 * physical scale and pixel conversions. Uses the JDK only; must not name a file format library
 * (that is {@code slide.openslide}) nor anything of tiling, archive, search or UI.
 */
package io.histoseek.index.slide;
