package io.histoseek.index.archive.local;

import io.histoseek.index.DiskErrors;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.CommitStamp;
import io.histoseek.index.archive.Neighbor;
import io.histoseek.index.archive.TileVectorSink;
import io.histoseek.index.archive.VectorEngine;
import io.histoseek.index.archive.VectorFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.knn.KnnSearchStrategy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.ReadAdvice;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.VectorUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The vector engine of a local archive: one Lucene index in the archive's {@value #FOLDER} folder,
 * memory-mapped, one document per tile. Fields: {@code tile} (the tile id, point + doc value: the
 * join key with SQLite), {@code slide} (the slide id, point + doc value: deletes and filters) and
 * {@code vector} (the L2-normalized vector, DOT_PRODUCT, i.e. cosine). The format keeps the
 * float32 vector and a quantized copy the HNSW graph is searched with; a search gathers
 * approximate candidates on the quantized copy (the filter applied inside the graph search) and
 * re-ranks them exactly with the float32 vectors. Reads use the last commit and reopen when a
 * newer one appears ({@link CommitWatch}), so readers in other processes see each commit and never
 * wait for a merge.
 */
public final class LuceneVectorEngine implements VectorEngine {
    public static final String FOLDER = "vectors";
    private static final String TILE = "tile";
    private static final String SLIDE = "slide";
    private static final String VECTOR = "vector";
    private static final String SEQUENCE = "histoseek.sequence";
    private static final String LAST_TILE_ID = "histoseek.last_tile_id";
    /** The vector format's data files: float32 vectors, quantized vectors, graph. */
    private static final Pattern VECTOR_FILE = Pattern.compile("\\.(vec|veq|vex)$");
    /** Ids per delete query: a point set query this big stays cheap to build. */
    private static final int IDS_PER_DELETE = 16_384;
    /**
     * Lucene says on stderr which SIMD path it took, once per process: noise on a command line that
     * promises one-line errors. Held here, as java.util.logging keeps only weak references to loggers.
     */
    private static final Logger VECTORIZATION_LOG = Logger.getLogger("org.apache.lucene.internal.vectorization");

    static {
        VECTORIZATION_LOG.setLevel(Level.WARNING);
    }

    private final Path folder;
    private final LuceneSettings settings;
    /** Null for a reader until the index folder exists (opening a directory would create it). */
    private Directory directory;
    private final IndexWriter writer;
    private final CommitWatch commits;
    private SearcherManager searchers;
    private volatile CommitStamp lastCommit;

    private LuceneVectorEngine(Path folder, LuceneSettings settings, Directory directory, IndexWriter writer,
                               SearcherManager searchers, CommitStamp lastCommit) {
        this.folder = folder;
        this.settings = settings;
        this.directory = directory;
        this.writer = writer;
        this.commits = new CommitWatch(folder);
        this.searchers = searchers;
        this.lastCommit = lastCommit;
    }

    /** Opens the engine of the archive in {@code archiveFolder} for reading; an archive without vectors yet reads as empty. */
    public static LuceneVectorEngine openForReading(Path archiveFolder, LuceneSettings settings) {
        Path folder = archiveFolder.resolve(FOLDER);
        try {
            LuceneVectorEngine engine = new LuceneVectorEngine(folder, settings, null, null, null, CommitStamp.EMPTY);
            engine.searcherOrNull();
            return engine;
        } catch (IOException e) {
            throw failure(folder, "open the vector index", e);
        }
    }

    /** Opens the engine for writing (the caller holds the archive's writer lock), creating an empty index if there is none. */
    public static LuceneVectorEngine openForWriting(Path archiveFolder, LuceneSettings settings) {
        Path folder = archiveFolder.resolve(FOLDER);
        Directory directory = null;
        IndexWriter writer = null;
        try {
            Files.createDirectories(folder);
            directory = directory(folder);
            writer = new IndexWriter(directory, writerConfig(settings));
            if (!DirectoryReader.indexExists(directory)) {
                writer.commit();
            }
            SearcherManager searchers = new SearcherManager(directory, null);
            CommitStamp stamp = stampOf(searchers);
            return new LuceneVectorEngine(folder, settings, directory, writer, searchers, stamp);
        } catch (IOException | RuntimeException e) {
            closeQuietly(writer);
            closeQuietly(directory);
            if (e instanceof ArchiveException archive) throw archive;
            throw failure(folder, "open the vector index for writing", e);
        }
    }

    /**
     * Memory-mapped, with the vector files (float32, quantized, graph) read as random access outside
     * merges: a search touches a few vectors at scattered places, and the kernel's read-around (8 MB
     * a fault on some disks) would otherwise pull whole files into the page cache on the first queries.
     */
    private static Directory directory(Path folder) throws IOException {
        MMapDirectory directory = new MMapDirectory(folder);
        directory.setReadAdvice((name, context) -> context.context() != IOContext.Context.MERGE && VECTOR_FILE.matcher(name).find()
                ? Optional.of(ReadAdvice.RANDOM) : MMapDirectory.ADVISE_BY_CONTEXT.apply(name, context));
        return directory;
    }

    private static IndexWriterConfig writerConfig(LuceneSettings settings) {
        long heap = Runtime.getRuntime().maxMemory();
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setMaxMergedSegmentMB(settings.maxSegmentMb(heap));
        IndexWriterConfig config = new IndexWriterConfig();
        config.setCodec(WideVectorsFormat.codec(settings));
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        // Only what the archive commits survives: uncommitted vectors of a slide cut short go away.
        config.setCommitOnClose(false);
        config.setRAMBufferSizeMB(settings.ramBufferMb(heap));
        config.setMergePolicy(merges);
        config.setMergeScheduler(new ConcurrentMergeScheduler());
        return config;
    }

    // ---- reading ----

    @Override
    public List<Neighbor> search(float[] query, int k, int candidates, VectorFilter filter) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1: " + k);
        int gather = Math.max(k, candidates > 0 ? candidates : settings.candidates(k));
        return withSearcher("search the vector index", List.of(), searcher -> {
            Weight slides = filter.keepsAll() ? null : searcher.createWeight(searcher.rewrite(
                    LongPoint.newSetQuery(SLIDE, filter.slideIds().stream().mapToLong(Long::longValue).toArray())),
                    ScoreMode.COMPLETE_NO_SCORES, 1);
            List<Neighbor> found = new ArrayList<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                found.addAll(searchSegment(leaf, query, gather, filter, slides, settings.exactUpTo()));
            }
            found.sort(BEST_FIRST);
            return List.copyOf(found.subList(0, Math.min(k, found.size())));
        });
    }

    private static final Comparator<Neighbor> BEST_FIRST =
            Comparator.comparingDouble((Neighbor n) -> -n.score()).thenComparingLong(Neighbor::tileId);

    /**
     * One segment's best {@code gather} tiles with exact scores. The graph is searched on the
     * quantized vectors among the documents the filter accepts, then the candidates are scored on
     * their float32 vectors. When the filter keeps few documents ({@code exactUpTo}, or no more
     * than {@code gather}), or the graph search gives up (it visited as many documents as the
     * filter keeps), every accepted document is scored exactly instead.
     */
    private static List<Neighbor> searchSegment(LeafReaderContext context, float[] query, int gather, VectorFilter filter,
                                                Weight slides, int exactUpTo) throws IOException {
        LeafReader leaf = context.reader();
        if (leaf.getFieldInfos().fieldInfo(VECTOR) == null) return List.of();
        LeafCursor cursor = new LeafCursor(context);
        FixedBitSet accepted = slides == null ? null : acceptedDocuments(context, filter, slides);
        AcceptDocs acceptDocs;
        int visitLimit;
        if (accepted == null) {
            acceptDocs = AcceptDocs.fromLiveDocs(leaf.getLiveDocs(), leaf.maxDoc());
            visitLimit = Integer.MAX_VALUE;
        } else {
            int allowed = accepted.cardinality();
            if (allowed <= Math.max(gather, exactUpTo)) return exact(cursor, accepted, allowed, query, gather);
            acceptDocs = AcceptDocs.fromIteratorSupplier(() -> new BitSetIterator(accepted, allowed), null, leaf.maxDoc());
            visitLimit = allowed;
        }
        TopKnnCollector collector = new TopKnnCollector(gather, visitLimit, KnnSearchStrategy.Hnsw.DEFAULT);
        leaf.searchNearestVectors(VECTOR, query, collector, acceptDocs);
        if (collector.earlyTerminated() && accepted != null) {
            return exact(cursor, accepted, accepted.cardinality(), query, gather);
        }
        int[] docs = Arrays.stream(collector.topDocs().scoreDocs).mapToInt(hit -> hit.doc).sorted().toArray();
        List<Neighbor> scored = new ArrayList<>(docs.length);
        for (int doc : docs) scored.add(new Neighbor(cursor.tileId(doc), VectorUtil.dotProduct(query, cursor.vector(doc))));
        return scored;
    }

    /** The documents of a segment a filter keeps, deleted ones left out. */
    private static FixedBitSet acceptedDocuments(LeafReaderContext context, VectorFilter filter, Weight slides) throws IOException {
        int maxDoc = context.reader().maxDoc();
        FixedBitSet accepted = new FixedBitSet(maxDoc);
        if (filter.exclude()) accepted.set(0, maxDoc);
        Scorer scorer = slides.scorer(context);
        if (scorer != null) {
            DocIdSetIterator docs = scorer.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (filter.exclude()) accepted.clear(doc); else accepted.set(doc);
            }
        }
        Bits live = context.reader().getLiveDocs();
        if (live != null) live.applyMask(accepted, 0);
        return accepted;
    }

    /** The best {@code gather} of the accepted documents, every one scored on its float32 vector. */
    private static List<Neighbor> exact(LeafCursor cursor, FixedBitSet accepted, int allowed, float[] query, int gather)
            throws IOException {
        PriorityQueue<Neighbor> best = new PriorityQueue<>(gather, BEST_FIRST.reversed());
        DocIdSetIterator docs = new BitSetIterator(accepted, allowed);
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            best.add(new Neighbor(cursor.tileId(doc), VectorUtil.dotProduct(query, cursor.vector(doc))));
            if (best.size() > gather) best.poll();
        }
        return new ArrayList<>(best);
    }

    /** Reads tile ids and vectors of one segment, for documents in increasing order. */
    private static final class LeafCursor {
        final NumericDocValues tiles;
        final FloatVectorValues vectors;
        final KnnVectorValues.DocIndexIterator vectorDocs;

        LeafCursor(LeafReaderContext leaf) throws IOException {
            this.tiles = leaf.reader().getNumericDocValues(TILE);
            this.vectors = leaf.reader().getFloatVectorValues(VECTOR);
            this.vectorDocs = vectors == null ? null : vectors.iterator();
        }

        long tileId(int doc) throws IOException {
            if (tiles == null || !tiles.advanceExact(doc)) throw new IOException("document " + doc + " has no tile id");
            return tiles.longValue();
        }

        /** The vector of {@code doc}; the array belongs to Lucene until the next call. */
        float[] vector(int doc) throws IOException {
            if (vectorDocs == null) throw new IOException("segment has no vectors");
            int at = vectorDocs.docID() < doc ? vectorDocs.advance(doc) : vectorDocs.docID();
            if (at != doc) throw new IOException("document " + doc + " has no vector");
            return vectors.vectorValue(vectorDocs.index());
        }
    }

    @Override
    public long count() {
        return withSearcher("count the vectors", 0L, searcher -> (long) searcher.getIndexReader().numDocs());
    }

    @Override
    public int segments() {
        return withSearcher("count the index segments", 0, searcher -> searcher.getIndexReader().leaves().size());
    }

    @Override
    public Optional<float[]> vector(long tileId) {
        return withSearcher("read the vector of tile " + tileId, Optional.empty(), searcher -> {
            TopDocs top = searcher.search(LongPoint.newExactQuery(TILE, tileId), 1);
            if (top.scoreDocs.length == 0) return Optional.empty();
            int doc = top.scoreDocs[0].doc;
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
            return Optional.of(new LeafCursor(leaf).vector(doc - leaf.docBase).clone());
        });
    }

    @Override
    public void forEachVectorOfSlide(long slideId, TileVectorSink sink) {
        withSearcher("read the vectors of slide " + slideId, null, searcher -> {
            Weight weight = searcher.createWeight(searcher.rewrite(LongPoint.newExactQuery(SLIDE, slideId)),
                    ScoreMode.COMPLETE_NO_SCORES, 1);
            // Tile order across segments: collect (tile id, segment, doc), sort, then read.
            List<long[]> found = new ArrayList<>();
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (LeafReaderContext leaf : leaves) {
                Scorer scorer = weight.scorer(leaf);
                if (scorer == null) continue;
                Bits live = leaf.reader().getLiveDocs();
                LeafCursor cursor = new LeafCursor(leaf);
                DocIdSetIterator docs = scorer.iterator();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) found.add(new long[] {cursor.tileId(doc), leaf.ord, doc});
                }
            }
            found.sort(Comparator.comparingLong(entry -> entry[0]));
            Map<Integer, FloatVectorValues> byLeaf = new HashMap<>();
            for (long[] entry : found) {
                LeafReader leaf = leaves.get((int) entry[1]).reader();
                FloatVectorValues values = byLeaf.computeIfAbsent((int) entry[1], ord -> vectorValues(leaf));
                sink.accept(entry[0], vectorAt(values, (int) entry[2]).clone());
            }
            return null;
        });
    }

    private static FloatVectorValues vectorValues(LeafReader leaf) {
        try {
            return leaf.getFloatVectorValues(VECTOR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random access by document: every document has a vector, so ordinals are document numbers. */
    private static float[] vectorAt(FloatVectorValues values, int doc) throws IOException {
        if (values.size() > doc && values.ordToDoc(doc) == doc) return values.vectorValue(doc);
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(doc) != doc) throw new IOException("document " + doc + " has no vector");
        return values.vectorValue(it.index());
    }

    @Override
    public void forEachTileId(LongConsumer sink) {
        withSearcher("list the indexed tiles", null, searcher -> {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                NumericDocValues tiles = leaf.reader().getNumericDocValues(TILE);
                if (tiles == null) continue;
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = tiles.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = tiles.nextDoc()) {
                    if (live == null || live.get(doc)) sink.accept(tiles.longValue());
                }
            }
            return null;
        });
    }

    @Override
    public CommitStamp committed() {
        if (writer != null) return lastCommit;
        return withSearcher("read the index commit", CommitStamp.EMPTY, searcher -> stampOf(searcher.getIndexReader()));
    }

    private static CommitStamp stampOf(SearcherManager searchers) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return stampOf(searcher.getIndexReader());
        } finally {
            searchers.release(searcher);
        }
    }

    private static CommitStamp stampOf(IndexReader reader) throws IOException {
        Map<String, String> data = ((DirectoryReader) reader).getIndexCommit().getUserData();
        return new CommitStamp(Long.parseLong(data.getOrDefault(SEQUENCE, "0")),
                Long.parseLong(data.getOrDefault(LAST_TILE_ID, "0")));
    }

    // ---- writing ----

    @Override
    public void add(long slideId, long[] tileIds, float[][] vectors) {
        IndexWriter w = requireWriter();
        if (tileIds.length != vectors.length) {
            throw new IllegalArgumentException(tileIds.length + " tile ids for " + vectors.length + " vectors");
        }
        try {
            for (int i = 0; i < tileIds.length; i++) {
                Document doc = new Document();
                doc.add(new LongPoint(TILE, tileIds[i]));
                doc.add(new NumericDocValuesField(TILE, tileIds[i]));
                doc.add(new LongPoint(SLIDE, slideId));
                doc.add(new NumericDocValuesField(SLIDE, slideId));
                doc.add(new KnnFloatVectorField(VECTOR, vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
                w.addDocument(doc);
            }
        } catch (IOException e) {
            throw failure(folder, "add vectors of slide " + slideId, e);
        }
    }

    @Override
    public void deleteSlide(long slideId) {
        try {
            requireWriter().deleteDocuments(LongPoint.newExactQuery(SLIDE, slideId));
        } catch (IOException e) {
            throw failure(folder, "delete the vectors of slide " + slideId, e);
        }
    }

    @Override
    public void deleteTiles(long[] tileIds) {
        IndexWriter w = requireWriter();
        try {
            for (int from = 0; from < tileIds.length; from += IDS_PER_DELETE) {
                w.deleteDocuments(LongPoint.newSetQuery(TILE,
                        Arrays.copyOfRange(tileIds, from, Math.min(tileIds.length, from + IDS_PER_DELETE))));
            }
        } catch (IOException e) {
            throw failure(folder, "delete vectors", e);
        }
    }

    @Override
    public void commit(CommitStamp stamp) {
        IndexWriter w = requireWriter();
        try {
            w.setLiveCommitData(Map.of(SEQUENCE, Long.toString(stamp.sequence()),
                    LAST_TILE_ID, Long.toString(stamp.lastTileId())).entrySet());
            w.commit();
            lastCommit = stamp;
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw failure(folder, "commit the vector index", e);
        }
    }

    /**
     * Merges into the fewest segments the largest segment size allows, unless the index is already
     * within {@link LuceneSettings#spareSegments()} of that with few deleted vectors: a run that
     * added a slide to a big archive does not rewrite it.
     */
    @Override
    public void compact() {
        IndexWriter w = requireWriter();
        try {
            long bytes = 0;
            int segments;
            int deleted;
            int documents;
            IndexSearcher searcher = searchers.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                segments = reader.leaves().size();
                for (LeafReaderContext leaf : reader.leaves()) {
                    bytes += ((SegmentReader) leaf.reader()).getSegmentInfo().sizeInBytes();
                }
                deleted = reader.numDeletedDocs();
                documents = Math.max(1, reader.maxDoc());
            } finally {
                searchers.release(searcher);
            }
            long maxSegmentBytes = (long) (settings.maxSegmentMb(Runtime.getRuntime().maxMemory()) * 1024 * 1024);
            int fewest = (int) Math.max(1, Math.ceilDiv(bytes, maxSegmentBytes));
            if (segments <= fewest + settings.spareSegments() && deleted <= settings.maxDeletedShare() * documents) return;
            w.forceMerge(fewest);
        } catch (IOException e) {
            throw failure(folder, "merge the vector index", e);
        }
        commit(lastCommit);
    }

    private IndexWriter requireWriter() {
        if (writer == null) throw new ArchiveException(folder + ": vector index opened for reading; cannot write");
        return writer;
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface SearchWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(String what, T whenEmpty, SearchWork<T> work) {
        try {
            SearcherManager manager = searcherOrNull();
            if (manager == null) return whenEmpty;
            if (commits.mayHaveChanged()) manager.maybeRefresh();
            IndexSearcher searcher = manager.acquire();
            try {
                return work.run(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException | UncheckedIOException e) {
            throw failure(folder, what, e);
        }
    }

    /** The searchers over the last commit; null while the archive has no index yet (a reader of a new archive). */
    private synchronized SearcherManager searcherOrNull() throws IOException {
        if (searchers == null && Files.isDirectory(folder)) {
            if (directory == null) directory = directory(folder);
            if (DirectoryReader.indexExists(directory)) searchers = new SearcherManager(directory, null);
        }
        return searchers;
    }

    private static ArchiveException failure(Path folder, String what, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        String problem = DiskErrors.of(folder, e, 0).map(DiskErrors.Problem::reason).orElse(message);
        return new ArchiveException(folder + ": cannot " + what + " (" + problem + ")", e);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) return;
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already failing with the first error.
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(searchers);
        closeQuietly(writer);
        closeQuietly(directory);
    }
}
