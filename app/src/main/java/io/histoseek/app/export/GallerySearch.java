package io.histoseek.app.export;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.slide.SlideException;
import io.histoseek.model.TileSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs a point or rectangle search and shapes it as a {@link ResultGallery}: hits with their
 * slide files resolved against the archive root, and the query tile (the archive's tile under
 * the point, the grid tile a slide outside the archive would get, or the rectangle itself).
 */
public final class GallerySearch {
    private final ArchiveSearcher searcher;

    public GallerySearch(ArchiveSearcher searcher) {
        this.searcher = searcher;
    }

    /** {@code width} and {@code height} 0 search by the point (x, y). */
    public ResultGallery search(Path slide, long x, long y, long width, long height, SearchOptions options) {
        Path file = slide.toAbsolutePath().normalize();
        boolean point = width <= 0 || height <= 0;
        List<SearchHit> hits = point ? searcher.searchPoint(file, x, y, options)
                : searcher.searchRectangle(file, x, y, width, height, options);
        GalleryTile query = point ? queryTile(file, x, y) : GalleryTile.query(file, x, y, width, height, mpp(file));
        return new ResultGallery(query, hits.stream().map(this::toTile).toList());
    }

    private GalleryTile toTile(SearchHit hit) {
        Archive store = searcher.archive();
        double mpp = hit.slide().metadata().mpp();
        return new GalleryTile(hit.rank(), hit.score(), store.resolve(hit.slide().path()), hit.x(), hit.y(),
                hit.size(), hit.size(), mpp > 0 ? OptionalDouble.of(mpp) : OptionalDouble.empty());
    }

    private GalleryTile queryTile(Path slide, long x, long y) {
        Archive store = searcher.archive();
        Optional<SlideRecord> record = store.slide(store.storedPath(slide))
                .filter(r -> r.status() == SlideStatus.INDEXED || r.status() == SlideStatus.MISSING);
        if (record.isPresent()) {
            double mpp = record.get().metadata().mpp();
            var tile = store.tileContaining(record.get().id(), x, y);
            if (tile.isPresent()) {
                return GalleryTile.query(slide, tile.get().x(), tile.get().y(), tile.get().size(), tile.get().size(),
                        mpp > 0 ? OptionalDouble.of(mpp) : OptionalDouble.empty());
            }
        }
        OptionalDouble mpp = mpp(slide);
        double exact = mpp.isPresent() ? TileSpec.DEFAULT.levelZeroSide(mpp.getAsDouble()) : TileSpec.DEFAULT.pixels();
        int size = (int) Math.round(exact);
        long tileX = Math.round(Math.floor(x / exact) * exact);
        long tileY = Math.round(Math.floor(y / exact) * exact);
        return GalleryTile.query(slide, tileX, tileY, size, size, mpp);
    }

    private static OptionalDouble mpp(Path slide) {
        try (OpenSlideImage open = OpenSlideImage.open(slide)) {
            PhysicalScale scale = PhysicalScale.of(open);
            return scale.known() ? OptionalDouble.of(scale.mpp()) : OptionalDouble.empty();
        } catch (SlideException e) {
            return OptionalDouble.empty();
        }
    }
}
