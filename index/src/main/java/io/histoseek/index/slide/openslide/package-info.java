/**
 * Slides read through OpenSlide: the FFM binding to libopenslide and
 * {@link io.histoseek.index.slide.openslide.OpenSlideImage}, the {@code SlideImage} of a slide file.
 * May use {@code index.slide} and java.lang.foreign; nothing else of the project may depend on
 * OpenSlide's API except through {@code SlideImage}.
 */
package io.histoseek.index.slide.openslide;
