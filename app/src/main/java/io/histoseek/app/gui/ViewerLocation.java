package io.histoseek.app.gui;

import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.viewer.overlay.Outline;

import java.nio.file.Path;
import java.util.List;

/** A place the user looked at: which slide, where, and what was outlined; what back/forward return to. */
public record ViewerLocation(Path slide, Viewport viewport, List<Outline> query, List<Outline> hits) {
    public ViewerLocation {
        query = List.copyOf(query);
        hits = List.copyOf(hits);
    }
}
