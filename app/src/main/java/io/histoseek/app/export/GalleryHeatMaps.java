package io.histoseek.app.export;

import io.histoseek.index.heatmap.HeatMap;

import java.nio.file.Path;
import java.util.Optional;

/** The heat map of the gallery's query over a hit slide; empty where there is none (no stored tiles). */
@FunctionalInterface
public interface GalleryHeatMaps {
    GalleryHeatMaps NONE = slide -> Optional.empty();

    Optional<HeatMap> heatMap(Path slide);
}
