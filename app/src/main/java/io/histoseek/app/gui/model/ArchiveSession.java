package io.histoseek.app.gui.model;

import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.cases.SlideRanking;
import io.histoseek.index.cases.Vote;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.ArchiveLabels;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.CaseVotes;
import io.histoseek.index.search.SearchException;
import io.histoseek.index.search.SimilarSlides;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        requireVectors();
        var engineOptions = new io.histoseek.index.search.SearchOptions(options.k(), options.excludeSameSlide(), options.maxPerSlide(), 0);
        if (options.label() != null) {
            engineOptions = engineOptions.onlyFrom(ArchiveLabels.of(archive).slidesLabeled(options.label()));
        }
        return new GallerySearch(searcher).search(slide, x, y, width, height, engineOptions);
    }

    /** The vote of the {@code k} nearest labeled tiles of other cases on a point or rectangle of a slide. */
    public Vote vote(Path slide, long x, long y, long width, long height, int k) {
        requireVectors();
        ArchiveSearcher.QueryVector query = searcher.queryVector(slide.toAbsolutePath().normalize(), x, y, width, height);
        return new CaseVotes(archive, ArchiveLabels.of(archive)).vote(query.vector(), query.slideId(), k, 0);
    }

    /** The archive's slides most like a whole slide of it (Yottixel's rule), best first; never the slide's own case. */
    public List<SimilarSlide> similarSlides(Path slide, int k) {
        requireVectors();
        SlideRecord record = archive.slide(archive.storedPath(slide.toAbsolutePath().normalize())).orElseThrow(() ->
                new SearchException(slide + ": not a slide of archive " + folder + " (index it first)"));
        SimilarSlides similar = new SimilarSlides(archive);
        List<float[]> mosaic = similar.mosaic(record.id());
        if (mosaic.isEmpty()) throw new SearchException(slide + ": no tiles in archive " + folder + " (not indexed, or no tissue)");
        ArchiveLabels labels = ArchiveLabels.of(archive);
        List<SimilarSlide> out = new ArrayList<>();
        for (SlideRanking.RankedSlide ranked : similar.rank(mosaic, labels.otherCases(record.id()), SimilarSlides.HITS_PER_TILE)) {
            if (out.size() == k) break;
            archive.slide(ranked.slideId()).ifPresent(found -> out.add(new SimilarSlide(out.size() + 1, ranked.score(),
                    archive.resolve(found.path()), labels.of(found.id()).map(SlideLabel::label).orElse(""))));
        }
        return out;
    }

    private void requireVectors() {
        if (searcher == null) {
            throw new SearchException(folder + ": archive holds no vectors yet (index some slides first)");
        }
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
