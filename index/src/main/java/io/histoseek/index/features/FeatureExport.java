package io.histoseek.index.features;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideNames;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.TileRecord;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Writes an archive's slides as features files into a folder, one {@code NAME.h5} per slide (NAME:
 * the slide file's stem, or the name of a slide imported by name), rows in the order the tiles were
 * stored, vectors as stored (L2-normalized float32). Importing the files again gives the same tiles
 * and vectors. One slide's rows are on the heap at a time (jhdf writes a dataset from one array).
 */
public final class FeatureExport {
    /** A slide written: its stored path, the file and how many rows. */
    public record Exported(String slide, Path file, int tiles) {
    }

    private final Archive archive;
    private final Path folder;
    private final Set<String> names = new HashSet<>();

    public FeatureExport(Archive archive, Path folder) {
        this.archive = archive;
        this.folder = folder;
    }

    /** The name a slide's file gets (without .h5), and the name an import of it finds the slide by. */
    public static String name(String storedPath) {
        if (SlideNames.isNameOnly(storedPath)) return storedPath;
        return FeatureFileHeader.stem(Path.of(storedPath).getFileName());
    }

    /** Writes the slide's file; a slide without tiles, or whose name an earlier slide of this export took, is refused in one line. */
    public Exported export(SlideRecord slide) {
        String name = name(slide.path());
        Path file = folder.resolve(name + ".h5");
        List<TileRecord> tiles = archive.tilesIntersecting(slide.id(), 0, 0, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4).stream()
                .sorted(Comparator.comparingLong(TileRecord::id)).toList();
        if (tiles.isEmpty()) throw new FeatureFileException(file, "slide " + slide.path() + " has no tiles in the archive");
        if (!names.add(name)) {
            throw new FeatureFileException(file, "another slide named " + name + " was written there in this export; "
                    + "export slide " + slide.path() + " to another folder");
        }
        Map<Long, Integer> rowOfTile = new HashMap<>();
        long[][] coords = new long[tiles.size()][];
        int patchSize = 0;
        for (int i = 0; i < tiles.size(); i++) {
            TileRecord tile = tiles.get(i);
            rowOfTile.put(tile.id(), i);
            coords[i] = new long[] {tile.x(), tile.y()};
            patchSize = Math.max(patchSize, tile.size());
        }
        float[][] features = new float[tiles.size()][];
        archive.vectors().forEachVectorOfSlide(slide.id(), (tileId, vector) -> {
            Integer row = rowOfTile.get(tileId);
            if (row != null) features[row] = vector;
        });
        for (int i = 0; i < features.length; i++) {
            if (features[i] == null) {
                throw new FeatureFileException(file, "tile " + tiles.get(i).id() + " of slide " + slide.path()
                        + " has no vector (the archive is being written; export again)");
            }
        }
        double mpp = slide.metadata().mpp();
        FeatureFileWriter.write(file, name, patchSize, mpp > 0 ? OptionalDouble.of(10 / mpp) : OptionalDouble.empty(), coords, features);
        return new Exported(slide.path(), file, tiles.size());
    }
}
