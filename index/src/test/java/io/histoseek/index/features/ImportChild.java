package io.histoseek.index.features;

import io.histoseek.index.archive.local.CrashPoints;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An import in a JVM of its own, for the kill test: prints {@code added N FILE} after each batch,
 * {@code file FILE} after each file, {@code step STEP} after each step of the archive's write
 * order and {@code done}, waiting after each line for a line on stdin so a SIGKILL lands right there.
 * <pre>ImportChild ARCHIVE FEATURES...</pre>
 */
public final class ImportChild {
    private static final BufferedReader PARENT = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private ImportChild() {
    }

    public static void main(String[] args) {
        CrashPoints.install(step -> event("step " + step));
        List<Path> features = Arrays.stream(args).skip(1).map(Path::of).toList();
        new FeatureImport(new ImportRequest(Path.of(args[0]), features, Optional.empty(), null, Optional.empty(), Duration.ZERO),
                new ImportListener() {
                    private Path current;

                    @Override
                    public void fileStarted(Path file, int rows, int filesDone, int filesTotal) {
                        current = file;
                    }

                    @Override
                    public void tilesAdded(int count) {
                        event("added " + count + " " + current.getFileName());
                    }

                    @Override
                    public void fileFinished(ImportOutcome outcome) {
                        event("file " + outcome.file().getFileName() + " " + (outcome.isImported() ? "imported" : outcome.problem()));
                    }
                }, () -> false).run();
        System.out.println("done");
    }

    private static synchronized void event(String line) {
        System.out.println(line);
        System.out.flush();
        try {
            PARENT.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
