package io.histoseek.index.heatmap;

import io.histoseek.index.search.RefinedScoring;
import io.histoseek.index.tile.TilePosition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The similarity of every stored tile of one slide to a query, with the tiles placed on their grid:
 * columns and rows are counted from the tiles' own positions (the grid steps a fractional number
 * of pixels, so a column is found from the gap to the previous distinct x, never by dividing a far
 * x by the rounded tile size). Immutable.
 */
public final class HeatMap {
    private final List<HeatTile> tiles;
    private final int[] column;
    private final int[] row;
    private final int columns;
    private final int rows;
    private final double originX;
    private final double originY;
    private final double stepX;
    private final double stepY;
    private final float min;
    private final float max;

    private HeatMap(List<HeatTile> tiles) {
        this.tiles = List.copyOf(tiles);
        int n = tiles.size();
        long[] xs = new long[n];
        long[] ys = new long[n];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            HeatTile t = tiles.get(i);
            xs[i] = t.x();
            ys[i] = t.y();
            lo = Math.min(lo, t.similarity());
            hi = Math.max(hi, t.similarity());
        }
        this.min = n == 0 ? 0 : lo;
        this.max = n == 0 ? 0 : hi;
        int size = n == 0 ? 1 : tiles.getFirst().size();
        Axis across = Axis.of(xs, size);
        Axis down = Axis.of(ys, size);
        this.column = across.index;
        this.row = down.index;
        this.columns = across.count;
        this.rows = down.count;
        this.originX = across.origin;
        this.originY = down.origin;
        this.stepX = across.step;
        this.stepY = down.step;
    }

    public static HeatMap of(List<HeatTile> tiles) {
        return new HeatMap(tiles);
    }

    /**
     * Scores each tile's unit vector ({@code vectors[i]} belongs to {@code places.get(i)}) with the
     * query's rule: for a query of one example this is one matrix-vector product.
     */
    public static HeatMap score(List<TilePosition> places, float[][] vectors, RefinedScoring query) {
        if (places.size() != vectors.length) {
            throw new IllegalArgumentException(places.size() + " tiles but " + vectors.length + " vectors");
        }
        List<HeatTile> tiles = new ArrayList<>(places.size());
        for (int i = 0; i < vectors.length; i++) {
            TilePosition p = places.get(i);
            tiles.add(new HeatTile(p.x(), p.y(), p.size(), query.score(vectors[i])));
        }
        return new HeatMap(tiles);
    }

    /** The tiles in the order given. */
    public List<HeatTile> tiles() {
        return tiles;
    }

    public boolean isEmpty() {
        return tiles.isEmpty();
    }

    public float min() {
        return min;
    }

    public float max() {
        return max;
    }

    /** The tile with the highest similarity (the first of equals). */
    public HeatTile hottest() {
        return tiles.stream().max(Comparator.comparingDouble(HeatTile::similarity)).orElseThrow();
    }

    /** The similarity below which {@code fraction} of the tiles lie (0: the lowest, 1: the highest). */
    public float quantile(double fraction) {
        if (tiles.isEmpty()) {
            return 0;
        }
        float[] sorted = new float[tiles.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = tiles.get(i).similarity();
        }
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(Math.clamp(fraction, 0, 1) * sorted.length))];
    }

    /** Grid columns and rows from the first tile to the last (cells without a stored tile included). */
    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    public int column(int tile) {
        return column[tile];
    }

    public int row(int tile) {
        return row[tile];
    }

    /** Level-0 place of cell (0, 0) and the mean step between cells: a raster of the cells lies there. */
    public double originX() {
        return originX;
    }

    public double originY() {
        return originY;
    }

    public double stepX() {
        return stepX;
    }

    public double stepY() {
        return stepY;
    }

    /**
     * The groups of touching tiles (8-neighbourhood on the grid) whose similarity is at least
     * {@code threshold}, hottest peak first (then larger first): where to look next.
     */
    public List<HotRegion> hotRegions(double threshold) {
        int[] cells = new int[Math.multiplyExact(columns, rows)];
        Arrays.fill(cells, -1);
        for (int i = 0; i < tiles.size(); i++) {
            if (tiles.get(i).similarity() >= threshold) {
                cells[row[i] * columns + column[i]] = i;
            }
        }
        List<HotRegion> regions = new ArrayList<>();
        boolean[] seen = new boolean[cells.length];
        for (int start = 0; start < cells.length; start++) {
            if (cells[start] >= 0 && !seen[start]) {
                regions.add(region(cells, seen, start));
            }
        }
        regions.sort(Comparator.comparingDouble((HotRegion r) -> -r.peak().similarity())
                .thenComparingInt(r -> -r.tiles().size()));
        return regions;
    }

    private HotRegion region(int[] cells, boolean[] seen, int start) {
        List<HeatTile> members = new ArrayList<>();
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        seen[start] = true;
        while (!queue.isEmpty()) {
            int cell = queue.poll();
            members.add(tiles.get(cells[cell]));
            int cx = cell % columns;
            int cy = cell / columns;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = cx + dx;
                    int ny = cy + dy;
                    if (nx >= 0 && ny >= 0 && nx < columns && ny < rows) {
                        int next = ny * columns + nx;
                        if (cells[next] >= 0 && !seen[next]) {
                            seen[next] = true;
                            queue.add(next);
                        }
                    }
                }
            }
        }
        HeatTile peak = members.stream().max(Comparator.comparingDouble(HeatTile::similarity)).orElseThrow();
        long left = members.stream().mapToLong(HeatTile::x).min().orElseThrow();
        long top = members.stream().mapToLong(HeatTile::y).min().orElseThrow();
        long right = members.stream().mapToLong(t -> t.x() + t.size()).max().orElseThrow();
        long bottom = members.stream().mapToLong(t -> t.y() + t.size()).max().orElseThrow();
        return new HotRegion(peak, members, left, top, right - left, bottom - top);
    }

    /** One axis of the grid: each tile's index along it, the number of cells, where cell 0 lies and the mean step. */
    private record Axis(int[] index, int count, double origin, double step) {
        static Axis of(long[] positions, int size) {
            long[] distinct = Arrays.stream(positions).sorted().distinct().toArray();
            if (distinct.length == 0) {
                return new Axis(new int[0], 0, 0, size);
            }
            int[] cellOfDistinct = new int[distinct.length];
            for (int i = 1; i < distinct.length; i++) {
                cellOfDistinct[i] = cellOfDistinct[i - 1] + (int) Math.max(1, Math.round((double) (distinct[i] - distinct[i - 1]) / size));
            }
            int last = cellOfDistinct[distinct.length - 1];
            double step = last == 0 ? size : (double) (distinct[distinct.length - 1] - distinct[0]) / last;
            int[] index = new int[positions.length];
            for (int i = 0; i < positions.length; i++) {
                index[i] = cellOfDistinct[Arrays.binarySearch(distinct, positions[i])];
            }
            return new Axis(index, last + 1, distinct[0], step);
        }
    }
}
