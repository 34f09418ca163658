package io.histoseek.index.pipeline;

import io.histoseek.index.tile.TilePosition;

import java.util.List;

/** Every tissue tile of a slide embedded on the fly: {@code vectors[i]} (L2-normalized) belongs to {@code tiles.get(i)}. */
public record SlideEmbedding(List<TilePosition> tiles, float[][] vectors) {
    public SlideEmbedding {
        tiles = List.copyOf(tiles);
        if (tiles.size() != vectors.length) {
            throw new IllegalArgumentException(tiles.size() + " tiles but " + vectors.length + " vectors");
        }
    }
}
