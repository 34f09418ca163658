package io.histoseek.index.cases;

import io.histoseek.model.TileEncoder;
import io.histoseek.model.TileImageFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The model card's protocol on a labeled tile folder: every tile embedded with the same
 * preprocessing as {@code embed} (any size fitted by {@link io.histoseek.model.TileFit}), then
 * exact leave-one-out k-NN by cosine, leaving out the query's own group, and the majority vote of
 * the K nearest as the prediction.
 */
public final class TileFolderEvaluation {
    /** The tiles that could be read and their vectors as the encoder gave them, in the same order. */
    public record Embedded(List<TileFolder.Tile> tiles, float[][] vectors) {
    }

    private TileFolderEvaluation() {
    }

    /**
     * Embeds every readable tile. A file that cannot be read (not an image, too small at the given
     * scale) goes to {@code skipped} as one line naming it, and the rest go on.
     */
    public static Embedded embed(TileFolder folder, TileEncoder encoder, OptionalDouble micronsPerPixel,
                                 Consumer<String> skipped, Progress progress) {
        List<TileFolder.Tile> read = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<TileFolder.Tile> batch = new ArrayList<>();
        List<float[]> tensors = new ArrayList<>();
        int total = folder.tiles().size();
        int done = 0;
        progress.update("embedding tiles", 0, total);
        for (TileFolder.Tile tile : folder.tiles()) {
            try {
                tensors.add(TileImageFile.readFitted(tile.file(), micronsPerPixel));
                batch.add(tile);
            } catch (IllegalArgumentException e) {
                skipped.accept(e.getMessage());
            }
            done++;
            if (batch.size() == encoder.batchSize() || done == total) {
                if (!batch.isEmpty()) {
                    float[][] out = encoder.encode(tensors.toArray(float[][]::new));
                    read.addAll(batch);
                    vectors.addAll(List.of(out));
                    batch.clear();
                    tensors.clear();
                }
                progress.update("embedding tiles", done, total);
            }
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException(folder.folder() + ": none of its " + total + " files could be read as a tile image");
        }
        return new Embedded(read, vectors.toArray(float[][]::new));
    }

    /** Exact leave-one-group-out k-NN at every K, each query voted by its top K of other groups. */
    public static Evaluation evaluate(Embedded embedded, List<Integer> ks) {
        int n = embedded.tiles().size();
        float[][] unit = new float[n][];
        int[] groups = new int[n];
        Map<String, Integer> groupIds = new HashMap<>();
        for (int i = 0; i < n; i++) {
            unit[i] = Dot.normalized(embedded.vectors()[i]);
            groups[i] = groupIds.computeIfAbsent(embedded.tiles().get(i).group(), g -> groupIds.size());
        }
        int maxK = ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<List<Match>> neighbours = ExactNeighbours.leaveGroupOut(unit, groups, maxK);
        List<QueryResult> queries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TileFolder.Tile tile = embedded.tiles().get(i);
            List<Ballot> ballots = new ArrayList<>(maxK);
            for (Match m : neighbours.get(i)) {
                ballots.add(new Ballot(embedded.tiles().get((int) m.id()).label(), m.score()));
            }
            queries.add(new QueryResult(tile.name(), new CaseLabel(tile.label(), tile.group()), ballots));
        }
        return Evaluation.of(Evaluation.Level.TILE, ks, OptionalDouble.empty(), queries);
    }
}
