package io.histoseek.index.archive;

import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An archive opened for reading: slides, their tiles' places, the model and tile spec that made
 * the vectors, and the {@link VectorEngine} holding the vectors. Slide paths are stored relative
 * to a recorded root (with '/'), so the archive survives a move of the slides. Every read sees
 * the last committed state; a writer in another process may commit meanwhile. Thread-safe.
 * Open one with {@link Archives}.
 */
public interface Archive extends AutoCloseable {
    /** Where the archive lives, for messages (a folder today). */
    String address();

    /** The folder the stored slide paths are relative to. */
    Path root();

    /** The stored form of a slide's path: relative to the root with '/', or absolute when outside it. */
    default String storedPath(Path slide) {
        Path absolute = slide.toAbsolutePath().normalize();
        Path root = root();
        if (!absolute.startsWith(root)) return absolute.toString();
        return root.relativize(absolute).toString().replace(absolute.getFileSystem().getSeparator(), "/");
    }

    /** Where a stored slide path lies on disk now. */
    default Path resolve(String storedPath) {
        return root().resolve(storedPath);
    }

    /** A setting the indexer recorded (the checkpoint's place, the tiling), for on-the-fly embedding. */
    Optional<String> setting(String key);

    /** The model that made the vectors; empty until the first slide is indexed. */
    Optional<ModelIdentity> model();

    /** The tile every vector stands for. */
    TileSpec tileSpec();

    Optional<SlideRecord> slide(String storedPath);

    Optional<SlideRecord> slide(long id);

    /** Every slide, by path. */
    List<SlideRecord> slides();

    /**
     * The stored tile whose square contains the level-0 point, if any (none: glass, or not indexed).
     * Where two squares hold it (a grid whose rounded tiles overlap by a pixel), the tile whose
     * corner it is wins, so a result tile's printed x, y names that tile.
     */
    default Optional<TileRecord> tileContaining(long slideId, long x, long y) {
        List<TileRecord> hits = tilesIntersecting(slideId, x, y, 1, 1);
        return hits.stream().filter(t -> t.x() == x && t.y() == y).findFirst().or(() -> hits.stream().findFirst());
    }

    /** Stored tiles of a slide whose squares overlap the level-0 rectangle, by row then column. */
    List<TileRecord> tilesIntersecting(long slideId, long x, long y, long width, long height);

    /** Tiles and their slides for the given ids; ids not (or no longer) stored are absent from the map. */
    Map<Long, TileLocation> locations(Collection<Long> tileIds);

    /** Every tile with its slide's stored path, by path then position (for the `tiles` command). */
    void forEachTile(BiConsumer<String, TileRecord> sink);

    /** Tiles per slide id (slides without tiles are absent). */
    Map<Long, Long> tileCountsBySlide();

    ArchiveCounts counts();

    /** Every labeled slide's label and case, by slide id. */
    Map<Long, SlideLabel> labels();

    /** The archive's vectors (read-only unless the archive was opened for writing). */
    VectorEngine vectors();

    @Override
    void close();
}
