package io.histoseek.cluster.archive;

import io.histoseek.cluster.ClusterException;
import io.histoseek.cluster.SolrAddress;
import io.histoseek.cluster.collection.ArchiveIdentity;
import io.histoseek.cluster.collection.CollectionLayout;
import io.histoseek.cluster.collection.CollectionSpec;
import io.histoseek.cluster.collection.SolrCollections;
import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.index.archive.ArchiveCounts;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.CommitStamp;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideNames;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.TileLocation;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.archive.VectorEngine;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * An archive in one SolrCloud collection (docs/cluster.md): an archive document (identity, slide
 * root, id counters), setting documents, slide documents and tile documents with their vectors.
 * There is no shared transaction, so visibility is carried by data: a slide write sends its tiles
 * tagged with a new {@code generation}, makes them searchable, then flips the slide document to
 * that generation (one document: all or nothing), then deletes the tiles of the old generation.
 * Readers count only a slide's tiles of its current generation, so a write cut short anywhere
 * leaves the slide as it was; the next writer deletes what such a write left behind. One writer at
 * a time, on any machine: {@link SolrWriterLock}, taken before anything is written or cleaned up.
 */
final class SolrArchive implements ArchiveWriter {
    private final SolrRequests solr;
    private final SolrCollections collections;
    private final SolrVectors vectors;
    /** Null when opened for reading. */
    private final WriterOptions writing;
    /** Null when opened for reading; taken once the collection exists. */
    private final SolrWriterLock lock;
    private volatile boolean exists;
    private volatile ArchiveIdentity identity;
    /** The slide root of an archive whose collection is created on the first bound model. */
    private Path pendingRoot;
    private long lastSlideId;
    private long lastTileId;
    private long sequence;

    private SolrArchive(CloudSolrClient client, SolrAddress address, WriterOptions writing, boolean exists) {
        SolrRequests requests = new SolrRequests(client, address);
        this.lock = writing == null ? null : new SolrWriterLock(requests, writing);
        this.solr = lock == null ? requests : requests.guardedBy(lock::requireHeld);
        this.collections = new SolrCollections(client, address);
        this.vectors = new SolrVectors(solr, this);
        this.writing = writing;
        this.exists = exists;
        this.pendingRoot = writing == null ? null : writing.createRoot().orElse(null);
    }

    static SolrArchive forReading(CloudSolrClient client, SolrAddress address) {
        return new SolrArchive(client, address, null, true);
    }

    /** The writer; on an existing collection it takes the writer lock and deletes what interrupted writes left. */
    static SolrArchive forWriting(CloudSolrClient client, SolrAddress address, WriterOptions options, boolean exists) {
        SolrArchive archive = new SolrArchive(client, address, options, exists);
        if (exists) archive.startWriting();
        return archive;
    }

    private void startWriting() {
        lock.acquire();
        try {
            // What a dead writer sent but never committed becomes visible at the next commit: make it so now, to find it.
            solr.publish("open the archive for writing");
            loadCounters();
            new LeftoverTiles(solr, allSlides()).delete(writing.progress());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    // ---- reading ----

    @Override
    public String address() {
        return solr.address().toString();
    }

    @Override
    public Path root() {
        if (exists) {
            SolrDocument doc = solr.get("read the slide root", SolrFields.ARCHIVE_DOC_ID, SolrFields.ROOT);
            if (doc != null && doc.getFirstValue(SolrFields.ROOT) != null) return Path.of((String) doc.getFirstValue(SolrFields.ROOT));
        }
        if (pendingRoot != null) return pendingRoot.toAbsolutePath().normalize();
        throw new ArchiveException("archive " + address() + ": no slide root recorded yet (index slides into it first)");
    }

    @Override
    public Optional<String> setting(String key) {
        if (!exists) return Optional.empty();
        SolrDocument doc = solr.get("read setting " + key, SolrFields.settingDocId(key), SolrFields.SETTING_VALUE);
        return doc == null ? Optional.empty() : Optional.ofNullable((String) doc.getFirstValue(SolrFields.SETTING_VALUE));
    }

    @Override
    public Optional<ModelIdentity> model() {
        return identity().map(ArchiveIdentity::model);
    }

    @Override
    public TileSpec tileSpec() {
        return identity().map(ArchiveIdentity::tileSpec).orElse(TileSpec.DEFAULT);
    }

    private Optional<ArchiveIdentity> identity() {
        if (identity == null && exists) {
            try {
                identity = collections.identity().orElse(null);
            } catch (ClusterException e) {
                throw new ArchiveException(e.getMessage(), e);
            }
        }
        return Optional.ofNullable(identity);
    }

    @Override
    public Optional<SlideRecord> slide(String storedPath) {
        return storedSlide(storedPath).map(StoredSlide::record);
    }

    private Optional<StoredSlide> storedSlide(String storedPath) {
        if (!exists) return Optional.empty();
        SolrQuery query = new SolrQuery("{!term f=" + SolrFields.PATH + " v=$path}");
        query.set("path", storedPath);
        query.addFilterQuery(SolrFields.Kind.SLIDE.filter());
        query.setFields(StoredSlide.FIELDS);
        query.setRows(1);
        return solr.query("look up slide " + storedPath, query).getResults().stream().findFirst().map(StoredSlide::of);
    }

    @Override
    public Optional<SlideRecord> slide(long id) {
        return storedSlide(id).map(StoredSlide::record);
    }

    Optional<StoredSlide> storedSlide(long id) {
        if (!exists) return Optional.empty();
        return Optional.ofNullable(solr.get("look up slide " + id, SolrFields.slideDocId(id), StoredSlide.FIELDS)).map(StoredSlide::of);
    }

    private Map<Long, StoredSlide> storedSlides(Collection<Long> ids) {
        Map<Long, StoredSlide> slides = new HashMap<>();
        for (SolrDocument doc : solr.get("look up slides", ids.stream().map(SolrFields::slideDocId).toList(), StoredSlide.FIELDS)) {
            StoredSlide slide = StoredSlide.of(doc);
            slides.put(slide.id(), slide);
        }
        return slides;
    }

    /** Every slide document, by path. */
    List<StoredSlide> allSlides() {
        List<StoredSlide> slides = new ArrayList<>();
        if (!exists) return slides;
        SolrQuery query = new SolrQuery(SolrFields.Kind.SLIDE.filter());
        query.setFields(StoredSlide.FIELDS);
        query.addSort(SolrFields.PATH, SolrQuery.ORDER.asc).addSort(SolrFields.ID, SolrQuery.ORDER.asc);
        solr.forEach("list the slides", query, doc -> slides.add(StoredSlide.of(doc)));
        return slides;
    }

    @Override
    public List<SlideRecord> slides() {
        return allSlides().stream().map(StoredSlide::record).toList();
    }

    @Override
    public List<TileRecord> tilesIntersecting(long slideId, long x, long y, long width, long height) {
        Optional<StoredSlide> slide = storedSlide(slideId);
        if (slide.isEmpty() || slide.get().generation() == 0 || slide.get().maxTileSize() == 0) return List.of();
        long reach = slide.get().maxTileSize() - 1;
        SolrQuery query = new SolrQuery(TileDocs.ofSlide(slideId, slide.get().generation())
                + " +" + SolrFields.X + ":[" + (x - reach) + " TO " + (x + width - 1) + "]"
                + " +" + SolrFields.Y + ":[" + (y - reach) + " TO " + (y + height - 1) + "]");
        query.setFields(TileDocs.FIELDS);
        query.addSort(SolrFields.Y, SolrQuery.ORDER.asc).addSort(SolrFields.X, SolrQuery.ORDER.asc).addSort(SolrFields.ID, SolrQuery.ORDER.asc);
        List<TileRecord> tiles = new ArrayList<>();
        solr.forEach("look up tiles of slide " + slideId, query, doc -> {
            TileRecord tile = TileDocs.tile(doc);
            if (tile.x() + tile.size() > x && tile.y() + tile.size() > y) tiles.add(tile);
        });
        return tiles;
    }

    @Override
    public Map<Long, TileLocation> locations(Collection<Long> tileIds) {
        if (tileIds.isEmpty() || !exists) return Map.of();
        List<SolrDocument> docs = solr.get("look up tiles", tileIds.stream().map(SolrFields::tileDocId).toList(), TileDocs.FIELDS);
        Set<Long> slideIds = new HashSet<>();
        for (SolrDocument doc : docs) slideIds.add(StoredSlide.longOf(doc, SolrFields.SLIDE_ID));
        Map<Long, StoredSlide> slides = storedSlides(slideIds);
        Map<Long, TileLocation> found = new LinkedHashMap<>();
        for (SolrDocument doc : docs) {
            TileRecord tile = TileDocs.tile(doc);
            StoredSlide slide = slides.get(tile.slideId());
            if (slide != null && slide.shows(TileDocs.generation(doc))) found.put(tile.id(), new TileLocation(tile, slide.record()));
        }
        return found;
    }

    @Override
    public void forEachTile(BiConsumer<String, TileRecord> sink) {
        for (StoredSlide slide : allSlides()) {
            if (slide.generation() == 0) continue;
            SolrQuery query = new SolrQuery(TileDocs.ofSlide(slide.id(), slide.generation()));
            query.setFields(TileDocs.FIELDS);
            query.addSort(SolrFields.Y, SolrQuery.ORDER.asc).addSort(SolrFields.X, SolrQuery.ORDER.asc).addSort(SolrFields.ID, SolrQuery.ORDER.asc);
            solr.forEach("list the tiles of " + slide.record().path(), query, doc -> sink.accept(slide.record().path(), TileDocs.tile(doc)));
        }
    }

    @Override
    public Map<Long, Long> tileCountsBySlide() {
        Map<Long, Long> counts = new HashMap<>();
        for (StoredSlide slide : allSlides()) {
            if (slide.tileCount() > 0) counts.put(slide.id(), (long) slide.tileCount());
        }
        return counts;
    }

    @Override
    public ArchiveCounts counts() {
        Map<SlideStatus, Long> byStatus = new HashMap<>();
        long tiles = 0;
        for (StoredSlide slide : allSlides()) {
            byStatus.merge(slide.record().status(), 1L, Long::sum);
            tiles += slide.tileCount();
        }
        return new ArchiveCounts(byStatus.getOrDefault(SlideStatus.INDEXED, 0L), byStatus.getOrDefault(SlideStatus.FAILED, 0L),
                byStatus.getOrDefault(SlideStatus.PENDING, 0L), byStatus.getOrDefault(SlideStatus.MISSING, 0L), tiles);
    }

    @Override
    public Map<Long, SlideLabel> labels() {
        Map<Long, SlideLabel> labels = new HashMap<>();
        for (StoredSlide slide : allSlides()) slide.slideLabel().ifPresent(label -> labels.put(slide.id(), label));
        return labels;
    }

    @Override
    public VectorEngine vectors() {
        return vectors;
    }

    /** The archive's commit sequence and largest tile id given out. */
    CommitStamp stamp() {
        if (writing != null) {
            synchronized (this) {
                return new CommitStamp(sequence, lastTileId);
            }
        }
        SolrDocument doc = solr.get("read the commit stamp", SolrFields.ARCHIVE_DOC_ID, SolrFields.SEQUENCE + "," + SolrFields.LAST_TILE_ID);
        return doc == null ? CommitStamp.EMPTY
                : new CommitStamp(StoredSlide.longOf(doc, SolrFields.SEQUENCE), StoredSlide.longOf(doc, SolrFields.LAST_TILE_ID));
    }

    // ---- writing ----

    void requireWriter() {
        if (writing == null) throw new ArchiveException("archive " + address() + ": opened for reading; cannot write");
    }

    private void requireCollection(String what) {
        if (!exists) throw new ArchiveException("archive " + address() + ": cannot " + what + " before a model is bound (the collection does not exist yet)");
    }

    @Override
    public synchronized void relink(Path newRoot) {
        requireWriter();
        if (!exists) {
            pendingRoot = newRoot;
            return;
        }
        setOnArchiveDoc("relink the archive", Map.of(SolrFields.ROOT, newRoot.toAbsolutePath().normalize().toString()));
        solr.publish("relink the archive");
    }

    @Override
    public synchronized void putSetting(String key, String value) {
        requireWriter();
        requireCollection("record setting " + key);
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, SolrFields.settingDocId(key));
        doc.setField(SolrFields.KIND, SolrFields.Kind.SETTING.value());
        doc.setField(SolrFields.SETTING_VALUE, value);
        solr.add("record setting " + key, List.of(doc));
        solr.publish("record setting " + key);
    }

    /**
     * Creates the collection for {@code model} (configset, shards and replicas of the writer
     * options) when there is none, or refuses, in one line, a model other than the archive's.
     */
    @Override
    public synchronized void bindModel(ModelIdentity model) {
        requireWriter();
        ArchiveIdentity wanted = new ArchiveIdentity(model, tileSpec());
        try {
            collections.ensure(new CollectionSpec(wanted, new CollectionLayout(writing.shards(), writing.replicas())));
        } catch (ClusterException e) {
            throw new ArchiveException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException("archive " + address() + ": " + e.getMessage(), e);
        }
        identity = wanted;
        if (!exists) {
            exists = true;
            startWriting(); // another writer may have created it meanwhile
            Map<String, Object> state = new LinkedHashMap<>(counterFields());
            if (pendingRoot != null) state.put(SolrFields.ROOT, pendingRoot.toAbsolutePath().normalize().toString());
            setOnArchiveDoc("record the slide root", state);
            solr.publish("record the slide root");
        }
    }

    @Override
    public synchronized SlideWrite beginSlide(SlideMetadata metadata) {
        requireWriter();
        int dimension = model().orElseThrow(() ->
                new ArchiveException("archive " + address() + ": no model recorded; bind one before storing vectors")).dimension();
        long slideId = storedSlide(metadata.path()).map(StoredSlide::id).orElseGet(() -> ++lastSlideId);
        return new SolrSlideWrite(this, slideId, metadata, dimension, ++sequence);
    }

    synchronized long[] newTileIds(int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = ++lastTileId;
        return ids;
    }

    void send(String what, List<SolrInputDocument> docs) {
        solr.add(what, docs);
    }

    /** The slide's new tiles searchable, then its document flipped to them, then its old tiles deleted. */
    synchronized SlideRecord commitSlide(long slideId, SlideMetadata metadata, long generation, int tileCount, int maxTileSize) {
        solr.publish("commit the tiles of " + metadata.path());
        Optional<StoredSlide> before = storedSlide(slideId);
        StoredSlide after = before.orElseGet(() -> StoredSlide.fresh(slideId, metadata, SlideStatus.INDEXED, null))
                .with(metadata, SlideStatus.INDEXED, null).withTiles(generation, tileCount, maxTileSize);
        solr.add("store slide " + metadata.path(), List.of(after.document(), archiveDocUpdate(counterFields())));
        solr.publish("store slide " + metadata.path());
        if (before.isPresent() && before.get().generation() != 0) {
            solr.deleteByQuery("delete the replaced tiles of " + metadata.path(), "+" + SolrFields.Kind.TILE.filter()
                    + " +" + SolrFields.SLIDE_ID + ":" + slideId + " -" + SolrFields.GENERATION + ":" + generation);
            solr.publish("delete the replaced tiles of " + metadata.path());
        }
        return after.record();
    }

    void abandon(List<Long> tileIds) {
        solr.deleteById("drop the unfinished tiles", tileIds.stream().map(SolrFields::tileDocId).toList());
    }

    @Override
    public SlideRecord markFailed(SlideMetadata metadata, String reason) {
        return upsert(metadata, SlideStatus.FAILED, reason);
    }

    @Override
    public SlideRecord markIndexed(SlideMetadata metadata) {
        return upsert(metadata, SlideStatus.INDEXED, null);
    }

    @Override
    public SlideRecord markPending(SlideMetadata metadata) {
        return upsert(metadata, SlideStatus.PENDING, null);
    }

    private synchronized SlideRecord upsert(SlideMetadata metadata, SlideStatus status, String reason) {
        requireWriter();
        requireCollection("record slide " + metadata.path());
        StoredSlide slide = storedSlide(metadata.path())
                .map(existing -> existing.with(metadata, status, reason))
                .orElseGet(() -> StoredSlide.fresh(++lastSlideId, metadata, status, reason));
        solr.add("record slide " + metadata.path(), List.of(slide.document(), archiveDocUpdate(counterFields())));
        solr.publish("record slide " + metadata.path());
        return slide.record();
    }

    @Override
    public synchronized void markMissing(String storedPath) {
        requireWriter();
        Optional<StoredSlide> slide = storedSlide(storedPath);
        if (slide.isEmpty()) return;
        StoredSlide missing = slide.get().with(slide.get().record().metadata(), SlideStatus.MISSING, null);
        solr.add("mark " + storedPath + " missing", List.of(missing.document()));
        solr.publish("mark " + storedPath + " missing");
    }

    /** The slide document first (its tiles vanish from every read with it), then its tiles. */
    @Override
    public synchronized boolean removeSlide(String storedPath) {
        requireWriter();
        Optional<StoredSlide> slide = storedSlide(storedPath);
        if (slide.isEmpty()) return false;
        solr.deleteById("remove slide " + storedPath, List.of(SolrFields.slideDocId(slide.get().id())));
        solr.publish("remove slide " + storedPath);
        vectors.deleteSlide(slide.get().id());
        solr.publish("remove the tiles of " + storedPath);
        return true;
    }

    @Override
    public synchronized void putLabels(Collection<SlideLabel> labels) {
        requireWriter();
        Map<Long, StoredSlide> slides = storedSlides(labels.stream().map(SlideLabel::slideId).toList());
        List<SolrInputDocument> docs = new ArrayList<>();
        for (SlideLabel label : labels) {
            StoredSlide slide = slides.get(label.slideId());
            if (slide == null) throw new ArchiveException("archive " + address() + ": no slide with id " + label.slideId() + " to label");
            docs.add(slide.withLabel(label.label(), label.caseName()).document());
        }
        solr.add("store " + labels.size() + " labels", docs);
        solr.publish("store " + labels.size() + " labels");
    }

    @Override
    public synchronized int removeLabels(Collection<Long> slideIds) {
        requireWriter();
        List<SolrInputDocument> docs = new ArrayList<>();
        for (StoredSlide slide : storedSlides(slideIds).values()) {
            if (slide.label() != null) docs.add(slide.withLabel(null, null).document());
        }
        solr.add("remove labels", docs);
        solr.publish("remove labels");
        return docs.size();
    }

    @Override
    public void compact() {
        requireWriter();
        vectors.compact();
    }

    synchronized void recordStamp(CommitStamp stamp) {
        sequence = Math.max(sequence, stamp.sequence());
        lastTileId = Math.max(lastTileId, stamp.lastTileId());
        solr.add("record the commit stamp", List.of(archiveDocUpdate(counterFields())));
    }

    private Map<String, Object> counterFields() {
        return Map.of(SolrFields.LAST_SLIDE_ID, lastSlideId, SolrFields.LAST_TILE_ID, lastTileId, SolrFields.SEQUENCE, sequence);
    }

    private void setOnArchiveDoc(String what, Map<String, Object> fields) {
        solr.add(what, List.of(archiveDocUpdate(fields)));
    }

    /** An atomic update of the archive document: the given fields set, the rest (identity) kept. */
    private static SolrInputDocument archiveDocUpdate(Map<String, Object> fields) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, SolrFields.ARCHIVE_DOC_ID);
        fields.forEach((field, value) -> doc.setField(field, Map.of("set", value)));
        return doc;
    }

    /** Counters from the archive document, raised past any id a cut-short write used without recording it. */
    private void loadCounters() {
        SolrDocument doc = solr.get("read the id counters", SolrFields.ARCHIVE_DOC_ID,
                String.join(",", SolrFields.LAST_SLIDE_ID, SolrFields.LAST_TILE_ID, SolrFields.SEQUENCE));
        if (doc != null) {
            lastSlideId = StoredSlide.longOf(doc, SolrFields.LAST_SLIDE_ID);
            lastTileId = StoredSlide.longOf(doc, SolrFields.LAST_TILE_ID);
            sequence = StoredSlide.longOf(doc, SolrFields.SEQUENCE);
        }
        lastSlideId = Math.max(lastSlideId, largest(SolrFields.Kind.SLIDE, SolrFields.SLIDE_ID));
        lastTileId = Math.max(lastTileId, largest(SolrFields.Kind.TILE, SolrFields.TILE_ID));
        sequence = Math.max(sequence, largest(SolrFields.Kind.SLIDE, SolrFields.GENERATION));
        sequence = Math.max(sequence, largest(SolrFields.Kind.TILE, SolrFields.GENERATION));
    }

    private long largest(SolrFields.Kind kind, String field) {
        SolrQuery query = new SolrQuery(kind.filter()).setFields(field).setRows(1).addSort(field, SolrQuery.ORDER.desc);
        return solr.query("read the largest " + field, query).getResults().stream().findFirst()
                .map(doc -> StoredSlide.longOf(doc, field)).orElse(0L);
    }

    /**
     * One slide document rewritten (all or nothing): tile documents refer to their slide by id and
     * generation, never by path, so they and their vectors stay as they are.
     */
    @Override
    public synchronized SlideRecord attachSlide(String storedName, SlideMetadata found) {
        requireWriter();
        Optional<StoredSlide> named = storedSlide(storedName);
        SlideRecord attached = SlideNames.attached("archive " + address(), storedName, named.map(StoredSlide::record), found,
                storedSlide(found.path()).isPresent());
        StoredSlide after = named.orElseThrow().with(attached.metadata(), attached.status(), null);
        solr.add("attach " + storedName + " to " + found.path(), List.of(after.document()));
        solr.publish("attach " + storedName + " to " + found.path());
        return attached;
    }

    @Override
    public void close() {
        if (lock != null) lock.close();
        try {
            solr.client().close();
        } catch (IOException e) {
            // nothing is left to lose: every write was sent and committed or abandoned
        }
    }
}
