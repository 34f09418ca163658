package io.histoseek.index.archive;

/** Receives stored vectors one tile at a time; the array is the receiver's to keep. */
@FunctionalInterface
public interface TileVectorSink {
    void accept(long tileId, float[] vector);
}
