package io.histoseek.app.gui.model;

import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An open archive in the app, for reading (an indexing run may write it meanwhile): and, once it
 * holds vectors, a searcher that embeds tiles of slides outside the archive on the fly with the
 * archive's own checkpoint. Opened on a background thread.
 */
public final class ArchiveSession implements AutoCloseable {
    private final Path folder;
    private final Archive archive;
    private final ArchiveSearcher searcher;
    private final SlideQueryEmbedder embedder;

    private ArchiveSession(Path folder, Archive archive, ArchiveSearcher searcher, SlideQueryEmbedder embedder) {
        this.folder = folder;
        this.archive = archive;
        this.searcher = searcher;
        this.embedder = embedder;
    }

    /** Opens the archive; {@code checkpoint} overrides where the archive's checkpoint is now (moved files). */
    public static ArchiveSession open(Path folder, Optional<Path> checkpoint) {
        Archive archive = Archives.openForReading(folder);
        try {
            if (archive.model().isEmpty()) {
                return new ArchiveSession(folder, archive, null, null);
            }
            SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(archive, checkpoint);
            return new ArchiveSession(folder, archive, new ArchiveSearcher(archive, embedder), embedder);
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    public Path folder() {
        return folder;
    }

    public Archive archive() {
        return archive;
    }

    public boolean searchable() {
        return searcher != null;
    }

    /** Whether a search on this slide must embed its tile first (it is not an indexed slide of this archive). */
    public boolean needsEmbedding(Path slide) {
        return archive.slide(archive.storedPath(slide.toAbsolutePath().normalize()))
                .map(record -> record.status() != SlideStatus.INDEXED)
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
        archive.close();
    }
}
