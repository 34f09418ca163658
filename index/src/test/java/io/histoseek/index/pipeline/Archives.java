package io.histoseek.index.pipeline;

import io.histoseek.index.archive.Archive;
import io.histoseek.model.EncoderOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Runs the indexer the way the tests need it: the tiny fixture model, small batches, two readers. */
final class Archives {
    private Archives() {}

    static IndexingRequest request(Path archive, Path... folders) {
        return new IndexingRequest(List.of(folders), archive, SharedData.tinyCheckpoint(),
                EncoderOptions.defaults().withBatchSize(8).withHeads(OptionalInt.of(3)), 2, TilingOptions.defaults());
    }

    static IndexingSummary index(Path archive, Path... folders) throws InterruptedException {
        return IndexingJob.start(request(archive, folders), IndexingListener.NONE).await();
    }

    /** The archive, opened for reading. */
    static Archive open(Path archive) {
        return io.histoseek.index.archive.Archives.openForReading(archive);
    }

    /** Every stored tile as "slide TAB x TAB y", as the `tiles` command prints them. */
    static List<String> tiles(Path archive) {
        List<String> tiles = new ArrayList<>();
        try (Archive store = open(archive)) {
            store.forEachTile((slide, tile) -> tiles.add(slide + "\t" + tile.x() + "\t" + tile.y()));
        }
        return tiles;
    }

    /** The number of vectors the archive's engine holds. */
    static long vectors(Path archive) {
        try (Archive store = open(archive)) {
            return store.vectors().count();
        }
    }
}
