package io.histoseek.app.gui.model;

import io.histoseek.app.export.GalleryHeatMaps;
import io.histoseek.app.export.GallerySearch;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.index.Limits;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.pipeline.SlideEmbedding;
import io.histoseek.index.search.RefinedScoring;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
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
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * An open archive in the app, for reading (an indexing run may write it meanwhile): and, once it
 * holds vectors, a searcher that embeds tiles of slides outside the archive on the fly with the
 * archive's own checkpoint. Opened on a background thread.
 */
public final class ArchiveSession implements AutoCloseable {
    private final ArchiveAddress address;
    private final Archive archive;
    private final ArchiveSearcher searcher;
    private final SlideQueryEmbedder embedder;

    private ArchiveSession(ArchiveAddress address, Archive archive, ArchiveSearcher searcher, SlideQueryEmbedder embedder) {
        this.address = address;
        this.archive = archive;
        this.searcher = searcher;
        this.embedder = embedder;
    }

    /** Opens the archive; {@code checkpoint} overrides where the archive's checkpoint is now (moved files). */
    public static ArchiveSession open(ArchiveAddress address, Optional<Path> checkpoint) {
        Archive archive = Archives.openForReading(address);
        try {
            if (archive.model().isEmpty()) {
                return new ArchiveSession(address, archive, null, null);
            }
            SlideQueryEmbedder embedder = SlideQueryEmbedder.forArchive(archive, checkpoint);
            return new ArchiveSession(address, archive, new ArchiveSearcher(archive, embedder), embedder);
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    public ArchiveAddress address() {
        return address;
    }

    public Archive archive() {
        return archive;
    }

    public boolean searchable() {
        return searcher != null;
    }

    /** Whether a search on this slide must embed its tile first (it is not an indexed slide of this archive). */
    public boolean needsEmbedding(Path slide) {
        return indexedRecord(slide).isEmpty();
    }

    /** The archive's record of the slide when the archive holds it indexed (its mpp and where that came from, ...). */
    public Optional<SlideRecord> indexedRecord(Path slide) {
        return archive.slide(archive.storedPath(slide.toAbsolutePath().normalize()))
                .filter(record -> record.status() == SlideStatus.INDEXED);
    }

    /**
     * Tiles like the query's positive examples and unlike its negative ones (one example: the
     * plain search), only from slides with the chosen label when one is chosen.
     */
    public ResultGallery search(Query query, SearchOptions options) {
        var engineOptions = new io.histoseek.index.search.SearchOptions(options.k(), options.excludeSameSlide(), options.maxPerSlide(), 0);
        if (options.label() != null) {
            engineOptions = engineOptions.onlyFrom(ArchiveLabels.of(archive).slidesLabeled(options.label()));
        }
        return gallerySearch().search(query.examples(), engineOptions);
    }

    /** The query's heat maps of the archive's slides, for an export of its gallery. */
    public GalleryHeatMaps heatMaps(Query query) {
        return gallerySearch().heatMaps(query.examples());
    }

    /** The query's heat map of a slide of the archive; empty for a slide whose tiles the archive does not hold. */
    public Optional<HeatMap> heatMap(Query query, Path slide) {
        return heatMaps(query).heatMap(slide);
    }

    /** The query's examples under the scoring rule: what a heat map scores each tile with. */
    public RefinedScoring scoring(Query query) {
        return searcher().scoring(query.examples());
    }

    /**
     * Every tissue tile of a slide outside the archive, embedded with the archive's model for its
     * heat map: at most {@link Limits#HEAT_MAP_TILES}, a batch at a time, {@code progress} told
     * (done, all) after each, stopped by {@code cancelled} (then CancellationException).
     */
    public SlideEmbedding embedSlide(Path slide, BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        searcher();
        return embedder.embedSlide(slide.toAbsolutePath().normalize(), Limits.HEAT_MAP_TILES, progress, cancelled);
    }

    /** The vote of the {@code k} nearest labeled tiles of other cases on a point or rectangle of a slide. */
    public Vote vote(Path slide, long x, long y, long width, long height, int k) {
        ArchiveSearcher.QueryVector query = searcher().queryVector(slide.toAbsolutePath().normalize(), x, y, width, height);
        return new CaseVotes(archive, ArchiveLabels.of(archive)).vote(query.vector(), query.slideId(), k, 0);
    }

    /** The archive's slides most like a whole slide of it (Yottixel's rule), best first; never the slide's own case. */
    public List<SimilarSlide> similarSlides(Path slide, int k) {
        searcher();
        SlideRecord record = archive.slide(archive.storedPath(slide.toAbsolutePath().normalize())).orElseThrow(() ->
                new SearchException(slide + ": not a slide of archive " + address + " (index it first)"));
        SimilarSlides similar = new SimilarSlides(archive);
        List<float[]> mosaic = similar.mosaic(record.id());
        if (mosaic.isEmpty()) throw new SearchException(slide + ": no tiles in archive " + address + " (not indexed, or no tissue)");
        ArchiveLabels labels = ArchiveLabels.of(archive);
        List<SimilarSlide> out = new ArrayList<>();
        for (SlideRanking.RankedSlide ranked : similar.rank(mosaic, labels.otherCases(record.id()), SimilarSlides.HITS_PER_TILE)) {
            if (out.size() == k) break;
            archive.slide(ranked.slideId()).ifPresent(found -> out.add(new SimilarSlide(out.size() + 1, ranked.score(),
                    archive.resolve(found.path()), labels.of(found.id()).map(SlideLabel::label).orElse(""))));
        }
        return out;
    }

    private GallerySearch gallerySearch() {
        return new GallerySearch(searcher());
    }

    /** The searcher; refuses in one line while the archive holds no vectors. */
    private ArchiveSearcher searcher() {
        if (searcher == null) {
            throw new SearchException(address + ": archive holds no vectors yet (index some slides first)");
        }
        return searcher;
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
