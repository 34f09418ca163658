package io.histoseek.index.heatmap;

/**
 * How every picture of a heat map looks, decided here only: the colour map (viridis:
 * perceptually uniform, readable by the colour-blind, and its green-to-yellow top stands out on
 * pink and purple H&amp;E), the span it covers (the map's own lowest to highest similarity, so
 * every slide shows contrast; legends print both ends), how opaque the colours lie over the
 * tissue, and which tiles the viewer shows at first (the hottest fifth).
 */
public final class HeatScale {
    /** Viridis at ten even steps, from low to high; colours between are interpolated in sRGB. */
    private static final int[] VIRIDIS = {
            0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6dcd59, 0xb4de2c, 0xfde725};
    /** Opacity of the colours over the slide (viewer overlay and PNG), so the tissue shows through. */
    public static final double OPACITY = 0.6;
    /** The viewer's threshold starts where this fraction of the slide's tiles lies above it. */
    public static final double SHOWN_AT_FIRST = 0.2;

    private HeatScale() {}

    /** The opaque ARGB colour at {@code t} in [0, 1] (clamped) along the map. */
    public static int argb(double t) {
        double at = Math.clamp(t, 0, 1) * (VIRIDIS.length - 1);
        int i = (int) Math.min(VIRIDIS.length - 2, Math.floor(at));
        double f = at - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = mix(a >> 16, b >> 16, f);
        int g = mix(a >> 8, b >> 8, f);
        int bl = mix(a, b, f);
        return 0xff000000 | r << 16 | g << 8 | bl;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }

    /** Where {@code similarity} lies on the map's colour span: 0 at its lowest tile, 1 at its highest. */
    public static double position(HeatMap map, double similarity) {
        double span = map.max() - map.min();
        return span <= 0 ? 1 : (similarity - map.min()) / span;
    }

    /** The colour of a similarity on this map. */
    public static int argb(HeatMap map, double similarity) {
        return argb(position(map, similarity));
    }

    /** The threshold the viewer starts with: the hottest {@link #SHOWN_AT_FIRST} of the tiles show. */
    public static float initialThreshold(HeatMap map) {
        return map.quantile(1 - SHOWN_AT_FIRST);
    }

    /**
     * One ARGB pixel per grid cell, row by row ({@code map.columns()} wide): the tile's colour,
     * or transparent where there is no stored tile or it lies below {@code threshold}. Scaled by
     * (stepX, stepY) and placed at the map's origin it covers the tiles.
     */
    public static int[] cells(HeatMap map, double threshold) {
        int[] cells = new int[Math.multiplyExact(map.columns(), map.rows())];
        for (int i = 0; i < map.tiles().size(); i++) {
            float similarity = map.tiles().get(i).similarity();
            if (similarity >= threshold) {
                cells[map.row(i) * map.columns() + map.column(i)] = argb(map, similarity);
            }
        }
        return cells;
    }
}
