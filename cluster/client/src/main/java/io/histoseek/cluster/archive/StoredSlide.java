package io.histoseek.cluster.archive;

import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import java.util.Date;
import java.util.Optional;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * A slide document: the slide as the archive API sees it, plus what only this archive keeps on
 * it: the {@code generation} of its visible tiles (0: none), their count and largest size, and
 * the slide's label and case.
 */
record StoredSlide(SlideRecord record, long generation, int tileCount, int maxTileSize, String label, String caseName) {
    /** The fields a slide document is read with. */
    static final String FIELDS = String.join(",", SolrFields.SLIDE_ID, SolrFields.PATH, SolrFields.STATUS, SolrFields.FAILURE,
            SolrFields.SIZE_BYTES, SolrFields.MTIME, SolrFields.QUICKHASH, SolrFields.VENDOR, SolrFields.MPP, SolrFields.MPP_SOURCE, SolrFields.WIDTH,
            SolrFields.HEIGHT, SolrFields.GENERATION, SolrFields.TILE_COUNT, SolrFields.MAX_TILE_SIZE, SolrFields.LABEL,
            SolrFields.CASE_NAME);

    long id() {
        return record.id();
    }

    Optional<SlideLabel> slideLabel() {
        return label == null ? Optional.empty() : Optional.of(new SlideLabel(id(), label, caseName));
    }

    /** Whether a tile of this generation is one of the slide's visible tiles. */
    boolean shows(long tileGeneration) {
        return generation != 0 && tileGeneration == generation;
    }

    StoredSlide with(SlideMetadata metadata, SlideStatus status, String failure) {
        return new StoredSlide(new SlideRecord(id(), metadata, status, failure), generation, tileCount, maxTileSize, label, caseName);
    }

    StoredSlide withTiles(long newGeneration, int count, int maxSize) {
        return new StoredSlide(record, newGeneration, count, maxSize, label, caseName);
    }

    StoredSlide withLabel(String newLabel, String newCase) {
        return new StoredSlide(record, generation, tileCount, maxTileSize, newLabel, newCase);
    }

    static StoredSlide fresh(long id, SlideMetadata metadata, SlideStatus status, String failure) {
        return new StoredSlide(new SlideRecord(id, metadata, status, failure), 0, 0, 0, null, null);
    }

    static StoredSlide of(SolrDocument doc) {
        SlideMetadata metadata = new SlideMetadata((String) doc.getFirstValue(SolrFields.PATH),
                longOf(doc, SolrFields.SIZE_BYTES), longOf(doc, SolrFields.MTIME), (String) doc.getFirstValue(SolrFields.QUICKHASH),
                (String) doc.getFirstValue(SolrFields.VENDOR), doubleOf(doc, SolrFields.MPP),
                (String) doc.getFirstValue(SolrFields.MPP_SOURCE),
                longOf(doc, SolrFields.WIDTH),
                longOf(doc, SolrFields.HEIGHT));
        SlideRecord record = new SlideRecord(longOf(doc, SolrFields.SLIDE_ID), metadata,
                SlideStatus.valueOf((String) doc.getFirstValue(SolrFields.STATUS)), (String) doc.getFirstValue(SolrFields.FAILURE));
        return new StoredSlide(record, longOf(doc, SolrFields.GENERATION), (int) longOf(doc, SolrFields.TILE_COUNT),
                (int) longOf(doc, SolrFields.MAX_TILE_SIZE), (String) doc.getFirstValue(SolrFields.LABEL),
                (String) doc.getFirstValue(SolrFields.CASE_NAME));
    }

    SolrInputDocument document() {
        SlideMetadata m = record.metadata();
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, SolrFields.slideDocId(id()));
        doc.setField(SolrFields.KIND, SolrFields.Kind.SLIDE.value());
        doc.setField(SolrFields.SLIDE_ID, id());
        doc.setField(SolrFields.PATH, m.path());
        doc.setField(SolrFields.STATUS, record.status().name());
        if (record.failureReason() != null) doc.setField(SolrFields.FAILURE, record.failureReason());
        doc.setField(SolrFields.SIZE_BYTES, m.sizeBytes());
        doc.setField(SolrFields.MTIME, m.mtimeMillis());
        if (m.quickhash() != null) doc.setField(SolrFields.QUICKHASH, m.quickhash());
        if (m.vendor() != null) doc.setField(SolrFields.VENDOR, m.vendor());
        doc.setField(SolrFields.MPP, m.mpp());
        if (!m.mppSource().isEmpty()) doc.setField(SolrFields.MPP_SOURCE, m.mppSource());
        doc.setField(SolrFields.WIDTH, m.width());
        doc.setField(SolrFields.HEIGHT, m.height());
        doc.setField(SolrFields.GENERATION, generation);
        doc.setField(SolrFields.TILE_COUNT, tileCount);
        doc.setField(SolrFields.MAX_TILE_SIZE, maxTileSize);
        if (label != null) doc.setField(SolrFields.LABEL, label);
        if (caseName != null) doc.setField(SolrFields.CASE_NAME, caseName);
        doc.setField(SolrFields.INDEXED_AT, new Date());
        return doc;
    }

    static long longOf(SolrDocument doc, String field) {
        Object value = doc.getFirstValue(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double doubleOf(SolrDocument doc, String field) {
        Object value = doc.getFirstValue(field);
        return value == null ? 0 : ((Number) value).doubleValue();
    }
}
