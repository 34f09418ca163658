package io.histoseek.index.pipeline;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.archive.local.CrashPoints;
import io.histoseek.model.EncoderOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * An indexing run (or a slide removal) in a JVM of its own, for tests that kill it with SIGKILL at
 * chosen moments. Prints one line per event on stdout, flushed at once: {@code tiles N SLIDE}
 * after each batch handed to the archive writer, {@code slide PATH STATUS} after each slide,
 * {@code step STEP} after each step of the archive's write order, and {@code done} at the end.
 * With {@code --stepwise} it waits after each event line for a line on stdin, so a kill lands
 * exactly there.
 * <pre>IndexingChild ARCHIVE CHECKPOINT FOLDER [--stepwise]
 * IndexingChild --remove ARCHIVE SLIDE [--stepwise]</pre>
 */
public final class IndexingChild {
    private static BufferedReader parent;

    private IndexingChild() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        if (arguments.contains("--stepwise")) {
            parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            CrashPoints.install(step -> event("step " + step));
        }
        if (args[0].equals("--remove")) {
            try (ArchiveWriter archive = Archives.openForWriting(Path.of(args[1]), WriterOptions.of("remove"))) {
                archive.removeSlide(args[2]);
            }
        } else {
            index(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        }
        System.out.println("done");
    }

    private static void index(Path archive, Path checkpoint, Path folder) throws InterruptedException {
        IndexingRequest request = new IndexingRequest(List.of(folder), archive, checkpoint,
                EncoderOptions.defaults().withBatchSize(4).withHeads(OptionalInt.of(3)), 2, TilingOptions.defaults());
        IndexingJob job = IndexingJob.start(request, new IndexingListener() {
            @Override
            public void progress(IndexingProgress progress) {
                event("tiles " + progress.tilesDone() + " " + progress.currentSlide().orElse("-"));
            }

            @Override
            public void slideFinished(SlideOutcome outcome) {
                event("slide " + outcome.slide() + " " + outcome.status());
            }
        });
        job.await();
    }

    private static synchronized void event(String line) {
        System.out.println(line);
        System.out.flush();
        if (parent == null) return;
        try {
            parent.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
