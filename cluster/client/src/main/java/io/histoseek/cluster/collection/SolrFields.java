package io.histoseek.cluster.collection;

import java.util.Locale;

/** The schema's field names (managed-schema.xml), the one place Java code spells them. */
public final class SolrFields {
    /** Bumped when the schema changes in a way an existing collection must be migrated for. */
    public static final int SCHEMA_VERSION = 2;
    /** The id of the one document that holds the archive's identity. */
    public static final String ARCHIVE_DOC_ID = "archive";
    /** The id of the one document that names the archive's writer while one runs. */
    public static final String LOCK_DOC_ID = "writer-lock";
    public static final String VECTOR_FIELD_TYPE = "tile_vector";

    public static final String ID = "id";
    public static final String KIND = "kind";
    /** Solr's document version: the condition of an optimistic-concurrency write. */
    public static final String VERSION = "_version_";

    public static final String SCHEMA = "schema_version";
    public static final String MODEL_FINGERPRINT = "model_fingerprint";
    public static final String MODEL_ARCHITECTURE = "model_architecture";
    public static final String MODEL_DIMENSION = "model_dimension";
    public static final String TILE_SPEC = "tile_spec";
    public static final String CREATED_AT = "created_at";
    public static final String ROOT = "root";
    public static final String LAST_SLIDE_ID = "last_slide_id";
    public static final String LAST_TILE_ID = "last_tile_id";
    public static final String SEQUENCE = "sequence";

    public static final String SETTING_VALUE = "setting_value";

    /** The writer lock: who holds it (a random token per writer, and for messages its machine, process, command and start) and when it last said it lives. */
    public static final String WRITER_TOKEN = "writer_token";
    public static final String WRITER_HOST = "writer_host";
    public static final String WRITER_PID = "writer_pid";
    public static final String WRITER_COMMAND = "writer_command";
    public static final String WRITER_STARTED = "writer_started";
    public static final String WRITER_HEARTBEAT = "writer_heartbeat";

    public static final String SLIDE_ID = "slide_id";
    public static final String PATH = "path";
    public static final String STATUS = "status";
    public static final String MPP = "mpp";
    public static final String MPP_SOURCE = "mpp_source";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String VENDOR = "vendor";
    public static final String QUICKHASH = "quickhash";
    public static final String SIZE_BYTES = "size_bytes";
    public static final String MTIME = "mtime";
    public static final String FAILURE = "failure";
    public static final String TILE_COUNT = "tile_count";
    public static final String MAX_TILE_SIZE = "max_tile_size";
    public static final String INDEXED_AT = "indexed_at";
    public static final String PROVENANCE = "provenance";
    public static final String LABEL = "label";
    public static final String CASE_NAME = "case_name";
    /** On a slide: the generation of its visible tiles; on a tile: the slide write that made it. */
    public static final String GENERATION = "generation";

    public static final String TILE_ID = "tile_id";
    public static final String X = "x";
    public static final String Y = "y";
    public static final String SIZE = "size";
    public static final String TISSUE = "tissue";
    /** The k-NN field (DenseVectorField, HNSW). */
    public static final String VECTOR = "vector";
    /** The same vector as little-endian float32 bytes, for fetching a tile's own vector exactly. */
    public static final String VECTOR_DATA = "vector_data";

    /** What a document stands for. */
    public enum Kind {
        ARCHIVE, SETTING, SLIDE, TILE, LOCK;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A filter query for documents of this kind. */
        public String filter() {
            return KIND + ":" + value();
        }
    }

    public static String slideDocId(long slideId) {
        return "slide-" + slideId;
    }

    public static String tileDocId(long tileId) {
        return "tile-" + tileId;
    }

    public static String settingDocId(String key) {
        return "setting-" + key;
    }

    private SolrFields() {
    }
}
