package io.histoseek.index.archive.local;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * Lucene's quantized HNSW format with the dimension limit raised from 1024 to
 * {@link #MAX_DIMENSIONS} (H-optimus-0 makes 1536-d vectors). It keeps the stock format's name, so
 * the files are the stock format's and a stock Lucene opens them; only writing needs this class.
 */
final class WideVectorsFormat extends KnnVectorsFormat {
    static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat delegate;

    private WideVectorsFormat(KnnVectorsFormat delegate) {
        super(delegate.getName());
        this.delegate = delegate;
    }

    /** The codec the archive writes with: Lucene 10.4's, with this format for the vector field. */
    static Lucene104Codec codec(LuceneSettings settings) {
        KnnVectorsFormat format = new WideVectorsFormat(new Lucene104HnswScalarQuantizedVectorsFormat(
                settings.encoding(), settings.maxConn(), settings.beamWidth()));
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return MAX_DIMENSIONS;
    }

    @Override
    public String toString() {
        return "WideVectorsFormat(" + delegate + ")";
    }
}
