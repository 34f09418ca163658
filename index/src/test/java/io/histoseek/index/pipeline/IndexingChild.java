package io.histoseek.index.pipeline;

import io.histoseek.model.EncoderOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * An indexing run in a JVM of its own, for tests that kill it with SIGKILL at chosen moments.
 * Args: ARCHIVE CHECKPOINT FOLDER. Prints one line per event on stdout, flushed at once:
 * {@code tiles N} while a slide is embedded, {@code slide PATH STATUS} after each slide, {@code done}.
 */
public final class IndexingChild {
    private IndexingChild() {}

    public static void main(String[] args) throws Exception {
        IndexingRequest request = new IndexingRequest(List.of(Path.of(args[2])), Path.of(args[0]), Path.of(args[1]),
                EncoderOptions.defaults().withBatchSize(4).withHeads(OptionalInt.of(3)), 2, TilingOptions.defaults());
        IndexingJob job = IndexingJob.start(request, new IndexingListener() {
            @Override
            public void progress(IndexingProgress progress) {
                System.out.println("tiles " + progress.tilesDone());
            }

            @Override
            public void slideFinished(SlideOutcome outcome) {
                System.out.println("slide " + outcome.slide() + " " + outcome.status());
            }
        });
        job.await();
        System.out.println("done");
    }
}
