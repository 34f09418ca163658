package io.histoseek.index.pipeline;

/**
 * How slides are cut into tiles; the same for indexing and for embedding a query on the fly, so
 * a query tile lines up with the archive's tiles.
 *
 * @param tissueThreshold the least tissue fraction a kept tile has, or null for the tiler's default
 * @param assumeMpp       microns per pixel to use instead of the file's, or null
 */
public record TilingOptions(Double tissueThreshold, Double assumeMpp) {
    public TilingOptions {
        if (tissueThreshold != null && !(tissueThreshold >= 0 && tissueThreshold <= 1)) {
            throw new IllegalArgumentException("tissue threshold must be between 0 and 1, got " + tissueThreshold);
        }
        if (assumeMpp != null && !(assumeMpp > 0 && Double.isFinite(assumeMpp))) {
            throw new IllegalArgumentException("assumed mpp must be a positive number, got " + assumeMpp);
        }
    }

    public static TilingOptions defaults() {
        return new TilingOptions(null, null);
    }
}
