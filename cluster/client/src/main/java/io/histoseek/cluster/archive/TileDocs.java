package io.histoseek.cluster.archive;

import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.index.archive.TileRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/** Tile documents: a tile's place, the slide write ({@code generation}) that made it, and its vector twice (k-NN field, exact bytes). */
final class TileDocs {
    /** The fields a tile is read with (never its vector). */
    static final String FIELDS = String.join(",", SolrFields.TILE_ID, SolrFields.SLIDE_ID, SolrFields.X, SolrFields.Y,
            SolrFields.SIZE, SolrFields.TISSUE, SolrFields.GENERATION);

    private TileDocs() {
    }

    static SolrInputDocument document(TileRecord tile, long generation, float[] vector) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, SolrFields.tileDocId(tile.id()));
        doc.setField(SolrFields.KIND, SolrFields.Kind.TILE.value());
        doc.setField(SolrFields.TILE_ID, tile.id());
        doc.setField(SolrFields.SLIDE_ID, tile.slideId());
        doc.setField(SolrFields.X, tile.x());
        doc.setField(SolrFields.Y, tile.y());
        doc.setField(SolrFields.SIZE, tile.size());
        doc.setField(SolrFields.TISSUE, tile.tissueFraction());
        doc.setField(SolrFields.GENERATION, generation);
        List<Float> values = new ArrayList<>(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        doc.setField(SolrFields.VECTOR, values);
        doc.setField(SolrFields.VECTOR_DATA, bytes(vector));
        return doc;
    }

    static TileRecord tile(SolrDocument doc) {
        return new TileRecord(StoredSlide.longOf(doc, SolrFields.TILE_ID), StoredSlide.longOf(doc, SolrFields.SLIDE_ID),
                StoredSlide.longOf(doc, SolrFields.X), StoredSlide.longOf(doc, SolrFields.Y),
                (int) StoredSlide.longOf(doc, SolrFields.SIZE), ((Number) doc.getFirstValue(SolrFields.TISSUE)).floatValue());
    }

    static long generation(SolrDocument doc) {
        return StoredSlide.longOf(doc, SolrFields.GENERATION);
    }

    static float[] vector(SolrDocument doc) {
        Object value = doc.getFirstValue(SolrFields.VECTOR_DATA);
        byte[] bytes = value instanceof ByteBuffer buffer ? toArray(buffer) : (byte[]) value;
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(Float.BYTES * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** A tile query's common part: tiles of one slide's visible generation. */
    static String ofSlide(long slideId, long generation) {
        return "+" + SolrFields.Kind.TILE.filter() + " +" + SolrFields.SLIDE_ID + ":" + slideId + " +" + SolrFields.GENERATION + ":" + generation;
    }
}
