package io.histoseek.app.gui.search;

import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.QueryEmbedder;
import io.histoseek.index.store.ArchiveStore;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * An open archive in the app: its store, its HNSW index and a searcher that embeds tiles of
 * slides outside the archive on the fly. Opened on a background thread (the index may need a
 * rebuild); closed when another archive is opened or the app quits.
 */
public final class ArchiveSession implements AutoCloseable {
    private final Path folder;
    private final ArchiveStore store;
    private final ArchiveSearcher searcher;
    private final AutoCloseable embedder;

    private ArchiveSession(Path folder, ArchiveStore store, ArchiveSearcher searcher, AutoCloseable embedder) {
        this.folder = folder;
        this.store = store;
        this.searcher = searcher;
        this.embedder = embedder;
    }

    /** Opens the archive; {@code embedderFor} makes the on-the-fly embedder from the open store. */
    public static <E extends QueryEmbedder & AutoCloseable> ArchiveSession open(Path folder, Function<ArchiveStore, E> embedderFor,
                                                                               IndexProgress progress) {
        ArchiveStore store = ArchiveStore.open(folder);
        try {
            ArchiveIndex index = ArchiveIndex.open(store, HnswParams.DEFAULTS, progress);
            E embedder = embedderFor.apply(store);
            return new ArchiveSession(folder, store, new ArchiveSearcher(store, index, embedder), embedder);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path folder() {
        return folder;
    }

    public ArchiveStore store() {
        return store;
    }

    public ArchiveSearcher searcher() {
        return searcher;
    }

    public ResultGallery search(Path slide, long x, long y, long width, long height, SearchOptions options) {
        return new GallerySearch(searcher).search(slide, x, y, width, height,
                new io.histoseek.index.search.SearchOptions(options.k(), options.excludeSameSlide(), options.maxPerSlide(), 0));
    }

    @Override
    public void close() {
        try {
            embedder.close();
        } catch (Exception e) {
            // The encoder failing to close must not keep the archive open.
        }
        searcher.close();
        store.close();
    }
}
