package io.histoseek.index.archive.local;

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
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An archive folder: {@code archive.db} (SQLite: slides, tiles' places, model, settings), the
 * Lucene index in {@code vectors/} (each tile's vector once) and {@code writer.lock}. Opened by
 * {@link LocalArchives}, for reading (no lock; the writing methods refuse) or as the one writer.
 * <p>
 * Write order (see {@link Consistency}): a slide's vectors are added and committed to the engine
 * first, then its tiles go to SQLite in one transaction (replacing its old tiles), then its old
 * vectors are deleted and that committed. Tile ids are given out here and never reused.
 */
final class LocalArchive implements ArchiveWriter {
    /**
     * Told of each step of the write order as it completes; the crash tests stop the process there
     * (io.histoseek.index.pipeline.KillResumeTest). Does nothing otherwise.
     */
    static volatile Consumer<String> afterStep = step -> { };

    private final Path folder;
    private final Database db;
    private final LuceneVectorEngine engine;
    private final TileSpec tileSpec;
    private final WriterLock lock;
    /** The last commit sequence and tile id given out (writer only). */
    private long sequence;
    private long lastTileId;

    LocalArchive(Path folder, Database db, LuceneVectorEngine engine, TileSpec tileSpec, WriterLock lock) {
        this.folder = folder;
        this.db = db;
        this.engine = engine;
        this.tileSpec = tileSpec;
        this.lock = lock;
        if (lock != null) {
            CommitStamp stamp = engine.committed();
            this.sequence = Math.max(stamp.sequence(), db.read("read the vectors sequence", c -> Meta.getLong(c, Meta.VECTORS_SEQUENCE)));
            this.lastTileId = Math.max(stamp.lastTileId(), db.read("read the largest tile id", Tiles::maxId));
        }
    }

    // ---- reading ----

    @Override
    public String address() {
        return folder.toString();
    }

    @Override
    public Path root() {
        return Path.of(db.read("read the archive root", c -> Meta.get(c, Meta.ROOT)).orElseThrow(() ->
                new ArchiveException(db.file() + ": not a Histoseek archive (no recorded root)")));
    }

    @Override
    public Optional<String> setting(String key) {
        return db.read("read setting " + key, c -> Meta.get(c, Meta.SETTING_PREFIX + key));
    }

    @Override
    public Optional<ModelIdentity> model() {
        return db.read("read the model", Provenance::model);
    }

    @Override
    public TileSpec tileSpec() {
        return tileSpec;
    }

    @Override
    public Optional<SlideRecord> slide(String storedPath) {
        return db.read("look up slide " + storedPath, c -> Slides.byPath(c, storedPath));
    }

    @Override
    public Optional<SlideRecord> slide(long id) {
        return db.read("look up slide " + id, c -> Slides.byId(c, id));
    }

    @Override
    public List<SlideRecord> slides() {
        return db.read("list slides", Slides::all);
    }

    @Override
    public List<TileRecord> tilesIntersecting(long slideId, long x, long y, long width, long height) {
        return db.read("look up tiles of slide " + slideId, c -> Tiles.intersecting(c, slideId, x, y, width, height));
    }

    @Override
    public Map<Long, TileLocation> locations(Collection<Long> tileIds) {
        if (tileIds.isEmpty()) return Map.of();
        return db.read("look up tiles", c -> Tiles.locations(c, tileIds));
    }

    @Override
    public void forEachTile(BiConsumer<String, TileRecord> sink) {
        db.read("list tiles", c -> {
            Tiles.forEach(c, sink);
            return null;
        });
    }

    @Override
    public Map<Long, Long> tileCountsBySlide() {
        return db.read("count tiles per slide", Tiles::countsBySlide);
    }

    @Override
    public ArchiveCounts counts() {
        return db.read("count the archive", c -> {
            Map<SlideStatus, Long> slides = Slides.countsByStatus(c);
            return new ArchiveCounts(slides.getOrDefault(SlideStatus.INDEXED, 0L), slides.getOrDefault(SlideStatus.FAILED, 0L),
                    slides.getOrDefault(SlideStatus.PENDING, 0L), slides.getOrDefault(SlideStatus.MISSING, 0L),
                    Tiles.count(c));
        });
    }

    @Override
    public Map<Long, SlideLabel> labels() {
        return db.read("read the labels", Labels::all);
    }

    @Override
    public VectorEngine vectors() {
        return engine;
    }

    // ---- writing ----

    private void requireWriter() {
        if (lock == null) throw new ArchiveException(folder + ": archive opened for reading; cannot write");
    }

    @Override
    public void relink(Path newRoot) {
        putMeta("relink the archive", Meta.ROOT, newRoot.toAbsolutePath().normalize().toString());
    }

    @Override
    public void putSetting(String key, String value) {
        putMeta("record setting " + key, Meta.SETTING_PREFIX + key, value);
    }

    private void putMeta(String what, String key, String value) {
        requireWriter();
        db.write(what, c -> {
            Meta.put(c, key, value);
            return null;
        });
    }

    @Override
    public void bindModel(ModelIdentity model) {
        requireWriter();
        db.write("record the model", c -> {
            Provenance.bindModel(c, model, db.file().toString());
            return null;
        });
    }

    @Override
    public synchronized SlideWrite beginSlide(SlideMetadata metadata) {
        requireWriter();
        int dimension = model().orElseThrow(() ->
                new ArchiveException(db.file() + ": no model recorded; bind one before storing vectors")).dimension();
        long slideId = slide(metadata.path()).map(SlideRecord::id).orElseGet(() ->
                db.write("record slide " + metadata.path(), c -> Slides.upsert(c, metadata, SlideStatus.PENDING, null)));
        return new LocalSlideWrite(this, slideId, metadata, dimension);
    }

    /** Ids for {@code count} new tiles. */
    synchronized long[] newTileIds(int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = ++lastTileId;
        return ids;
    }

    /** Commits a slide written through {@link LocalSlideWrite}, in the order that survives a crash at any point. */
    synchronized SlideRecord commit(long slideId, SlideMetadata metadata, List<TileRecord> tiles) {
        long added = ++sequence;
        engine.commit(new CommitStamp(added, lastTileId));
        afterStep.accept("vectors committed");
        long[] replaced = db.read("list the old tiles of " + metadata.path(), c -> Tiles.idsOfSlide(c, slideId));
        long inStep = replaced.length == 0 ? added : added + 1;
        int maxTileSize = tiles.stream().mapToInt(TileRecord::size).max().orElse(0);
        SlideRecord stored = db.write("store slide " + metadata.path(), c -> {
            Slides.upsert(c, metadata, SlideStatus.INDEXED, null);
            Tiles.deleteOfSlide(c, slideId);
            Tiles.insert(c, slideId, tiles);
            Slides.setMaxTileSize(c, slideId, maxTileSize);
            Meta.put(c, Meta.VECTORS_SEQUENCE, Long.toString(inStep));
            return Slides.byId(c, slideId).orElseThrow();
        });
        afterStep.accept("tiles committed");
        if (replaced.length > 0) {
            engine.deleteTiles(replaced);
            engine.commit(new CommitStamp(++sequence, lastTileId));
            afterStep.accept("replaced vectors deleted");
        }
        return stored;
    }

    /** Drops vectors added for a slide that will not be committed. */
    void abandon(long[] tileIds) {
        engine.deleteTiles(tileIds);
    }

    @Override
    public SlideRecord markFailed(SlideMetadata metadata, String reason) {
        return upsertSlide("record the failure of " + metadata.path(), metadata, SlideStatus.FAILED, reason);
    }

    @Override
    public SlideRecord markIndexed(SlideMetadata metadata) {
        return upsertSlide("record slide " + metadata.path(), metadata, SlideStatus.INDEXED, null);
    }

    @Override
    public SlideRecord markPending(SlideMetadata metadata) {
        return upsertSlide("record slide " + metadata.path(), metadata, SlideStatus.PENDING, null);
    }

    private SlideRecord upsertSlide(String what, SlideMetadata metadata, SlideStatus status, String reason) {
        requireWriter();
        return db.write(what, c -> Slides.byId(c, Slides.upsert(c, metadata, status, reason)).orElseThrow());
    }

    @Override
    public void markMissing(String storedPath) {
        requireWriter();
        db.write("mark " + storedPath + " missing", c -> {
            Slides.markMissing(c, storedPath);
            return null;
        });
    }

    /** One SQLite transaction: tiles and Lucene documents refer to the slide by id, so only its row changes. */
    @Override
    public synchronized SlideRecord attachSlide(String storedName, SlideMetadata found) {
        requireWriter();
        return db.write("attach " + storedName + " to " + found.path(), c -> {
            SlideRecord attached = SlideNames.attached(folder.toString(), storedName, Slides.byPath(c, storedName), found,
                    Slides.byPath(c, found.path()).isPresent());
            Slides.rekey(c, attached);
            return Slides.byId(c, attached.id()).orElseThrow();
        });
    }

    @Override
    public synchronized boolean removeSlide(String storedPath) {
        requireWriter();
        Optional<SlideRecord> slide = slide(storedPath);
        if (slide.isEmpty()) return false;
        long removed = ++sequence;
        db.write("remove slide " + storedPath, c -> {
            Slides.delete(c, slide.get().id());
            Meta.put(c, Meta.VECTORS_SEQUENCE, Long.toString(removed));
            return null;
        });
        afterStep.accept("slide rows removed");
        engine.deleteSlide(slide.get().id());
        engine.commit(new CommitStamp(removed, lastTileId));
        afterStep.accept("slide vectors removed");
        return true;
    }

    @Override
    public void putLabels(Collection<SlideLabel> labels) {
        requireWriter();
        db.write("store " + labels.size() + " labels", c -> {
            Labels.put(c, labels);
            return null;
        });
    }

    @Override
    public int removeLabels(Collection<Long> slideIds) {
        requireWriter();
        return db.write("remove labels", c -> Labels.remove(c, slideIds));
    }

    @Override
    public void compact() {
        requireWriter();
        engine.compact();
    }

    @Override
    public void close() {
        try {
            engine.close();
            db.close();
        } finally {
            if (lock != null) lock.close();
        }
    }
}
