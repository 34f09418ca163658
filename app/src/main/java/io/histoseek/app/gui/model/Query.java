package io.histoseek.app.gui.model;

import io.histoseek.app.gui.viewer.ImageRegion;

import java.nio.file.Path;

/** What the user asked to find: tissue like {@code region} (a point or a rectangle, level-0 pixels) of {@code slide}. */
public record Query(Path slide, ImageRegion region) {
}
