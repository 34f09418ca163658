package io.histoseek.index.pipeline;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up mid-run: the run stops with a one-line error, the archive keeps every
 * slide committed before and stays readable, and once there is room again a rerun completes.
 * Two ways to fill it: a 2 MiB tmpfs (needs mount, i.e. root: {@code .ci/run} runs as root; where
 * it cannot mount, the test says SKIPPED on the console) and, everywhere, a per-file size limit
 * (ulimit -f) on a child JVM, which makes SQLite's writes fail the same way (and is told as a file
 * too large, not a full disk).
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @Test
    void aFullTmpfsStopsTheRunCleanlyAndTheArchiveStaysReadable() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String mountOutput = new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (mounting.waitFor() != 0) {
            // Said on the console as well as counted: a skipped full-disk test must not pass unnoticed in CI.
            String why = "SKIPPED FullDiskTest.aFullTmpfsStopsTheRunCleanlyAndTheArchiveStaysReadable: cannot mount a tmpfs here ("
                    + mountOutput + "); it needs root (CAP_SYS_ADMIN) and mount(8); the ulimit test covers a file too large only";
            System.out.println(why);
            Assumptions.abort(why);
        }
        try {
            Path folder = SmallFolder.create(dir.resolve("slides"));
            Path archive = mount.resolve("archive");
            Archives.index(archive, folder);
            List<String> before = Archives.tiles(archive);

            // The disk fills up while the new slide is being embedded, after the archive was opened.
            Path filler = mount.resolve("filler");
            SmallFolder.addTiffCopy(folder);
            IndexingJob job = IndexingJob.start(Archives.request(archive, folder), new IndexingListener() {
                @Override
                public void progress(IndexingProgress progress) {
                    if (progress.currentSlide().isPresent() && !Files.exists(filler)) {
                        fill(filler);
                    }
                }
            });
            Exception failure = assertThrows(Exception.class, job::await);
            String message = failure.getMessage();
            // The first write after the disk filled records the unreadable slide's failure (again) in SQLite.
            assertEquals(archive.resolve("archive.db") + ": cannot record the failure of b/unreadable.svs (disk is full (0 KB free on "
                    + mount + " (tmpfs); free some space and run again)); nothing of it was stored", message);
            assertEquals(before, Archives.tiles(archive), "the archive is readable and lost nothing");

            Files.delete(filler);
            IndexingSummary resumed = Archives.index(archive, folder);
            assertEquals(1, resumed.embedded());
            assertTrue(Archives.tiles(archive).containsAll(before));
            assertTrue(Archives.tiles(archive).stream().anyMatch(t -> t.startsWith(SmallFolder.TIFF + "\t")));
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    /** Writes until the file system refuses. */
    private static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException expected) {
            // No space left: the disk is full, as wanted.
        }
    }

    private static Path extractSqliteNative(Path folder) throws IOException {
        Path library = folder.resolve("libsqlitejdbc.so");
        try (var in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream("/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so")) {
            Assumptions.assumeTrue(in != null, "skipped: sqlite-jdbc has no Linux x86_64 native library on this platform");
            Files.copy(in, library);
        }
        return library;
    }

    @Test
    void aFileSizeLimitStopsTheRunCleanlyAndTheArchiveStaysReadable() throws Exception {
        Path folder = SmallFolder.create(dir.resolve("slides"));
        Path archive = dir.resolve("archive");
        Archives.index(archive, folder);
        List<String> before = Archives.tiles(archive);
        SmallFolder.addTiffCopy(folder);
        SmallFolder.copy(SharedData.slides().resolve("constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif"),
                folder.resolve("c/cmu-0.25mpp.tif"));

        // Files may grow to 40 KiB: enough for SQLite's 32 KiB shared-memory file and the run's first
        // writes to the WAL, too little for the commits of both new slides. The child must not need to write its natives to disk: SQLite's
        // is extracted here, libtorch is already in DJL's cache.
        Path sqliteNative = extractSqliteNative(Files.createDirectories(dir.resolve("natives")));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "ulimit -f 40 && exec \"$0\" \"$@\"",
                java, "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-Dai.djl.offline=true", "-Dorg.sqlite.lib.path=" + sqliteNative.getParent(),
                "-Dorg.sqlite.lib.name=" + sqliteNative.getFileName(),
                "-cp", System.getProperty("java.class.path"), IndexingChild.class.getName(),
                archive.toString(), SharedData.tinyCheckpoint().toString(), folder.toString());
        builder.redirectErrorStream(true);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        int exit = child.exitValue();
        assertTrue(exit > 0 && exit < 128, "exit " + exit + ": " + output);
        assertFalse(output.contains("# A fatal error has been detected"), output);
        // EFBIG, not a full disk: the message says which limit was hit.
        assertTrue(output.contains("(file too large (the process may write files of at most 40 KB (ulimit -f); raise that limit))"),
                output);

        List<String> afterFailure = Archives.tiles(archive);
        assertTrue(afterFailure.containsAll(before), "the archive is readable and lost nothing");
        long notStored = Stream.of(SmallFolder.TIFF, "c/cmu-0.25mpp.tif")
                .filter(slide -> afterFailure.stream().noneMatch(t -> t.startsWith(slide + "\t"))).count();
        assertTrue(notStored >= 1, "the limit stopped at least one of the new slides: " + output);
        IndexingSummary resumed = Archives.index(archive, folder);
        assertEquals(notStored, resumed.embedded(), "the rerun embeds exactly what the failed run did not store");
        List<String> all = Archives.tiles(archive);
        assertTrue(all.containsAll(afterFailure));
        assertTrue(all.stream().anyMatch(t -> t.startsWith("c/cmu-0.25mpp.tif\t")));
        assertTrue(all.stream().anyMatch(t -> t.startsWith(SmallFolder.TIFF + "\t")));
    }
}
