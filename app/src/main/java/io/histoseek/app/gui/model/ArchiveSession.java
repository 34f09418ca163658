package io.histoseek.app.gui.model;

import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.index.ann.ArchiveIndex;
import io.histoseek.index.ann.HnswParams;
import io.histoseek.index.ann.IndexProgress;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchException;
import io.histoseek.index.store.ArchiveStore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An open archive in the app: its store, and (once it holds vectors) its HNSW index with a
 * searcher that embeds tiles of slides outside the archive on the fly with the archive's own
 * checkpoint. Opened on a background thread (the index may need a rebuild).
 */
public final class ArchiveSession implements AutoCloseable {
    private final Path folder;
    private final ArchiveStore store;
    private final ArchiveSearcher searcher;
    private final SlideQueryEmbedder embedder;

    private ArchiveSession(Path folder, ArchiveStore store, ArchiveSearcher searcher, SlideQueryEmbedder embedder) {
        this.folder = folder;
        this.store = store;
        this.searcher = searcher;
        this.embedder = embedder;
    }

    /** Opens the archive; {@code checkpoint} overrides where the archive's checkpoint is now (moved files). */
    public static ArchiveSession open(Path folder, Optional<Path> checkpoint, IndexProgress progress) {
        ArchiveStore store = ArchiveStore.open(folder);
        try {
            if (store.model().isEmpty()) {
                return new ArchiveSession(folder, store, null, null);
            }
            ArchiveIndex index = ArchiveIndex.open(store, HnswParams.DEFAULTS, progress);
            SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(store, checkpoint);
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

    public boolean searchable() {
        return searcher != null;
    }

    /** Whether a search on this slide must embed its tile first (it is not an indexed slide of this archive). */
    public boolean needsEmbedding(Path slide) {
        return store.slide(store.storedPath(slide.toAbsolutePath().normalize()))
                .map(record -> record.status() != io.histoseek.index.store.SlideStatus.INDEXED)
                .orElse(true);
    }

    public ResultGallery search(Path slide, long x, long y, long width, long height, SearchOptions options) {
        if (searcher == null) {
            throw new SearchException(folder + ": archive holds no vectors yet (index some slides first)");
        }
        return new GallerySearch(searcher).search(slide, x, y, width, height,
                new io.histoseek.index.search.SearchOptions(options.k(), options.excludeSameSlide(), options.maxPerSlide(), 0));
    }

    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
        if (searcher != null) {
            searcher.close();
        }
        store.close();
    }
}
