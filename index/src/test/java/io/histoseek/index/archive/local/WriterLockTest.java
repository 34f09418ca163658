package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveBusyException;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.ArchiveWriterInfo;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.histoseek.index.archive.local.LocalArchiveTest.grid;
import static io.histoseek.index.archive.local.LocalArchiveTest.slide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer at a time, in this process and across processes; readers never wait. */
class WriterLockTest {
    @TempDir
    Path dir;

    private ArchiveWriter create(Path archive) {
        return Archives.openForWriting(archive, WriterOptions.of("index").creatingWithRoot(dir));
    }

    @Test
    void aSecondWriterIsRefusedInOneLineNamingTheHolderWhileReadersGoOn() {
        Path archive = dir.resolve("archive");
        try (ArchiveWriter first = create(archive)) {
            first.bindModel(new ModelIdentity("fp", "test", 8));
            first.commitSlide(slide("a.svs"), grid(2, 2, 100, 8));
            var refused = assertThrows(ArchiveException.class,
                    () -> Archives.openForWriting(archive, WriterOptions.of("remove")));
            String clock = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm"));
            assertTrue(Pattern.matches("archive " + Pattern.quote(archive.toString()) + " is being written by process "
                    + ProcessHandle.current().pid() + " \\(index started \\d\\d:\\d\\d\\); try again when it ends",
                    refused.getMessage()), refused.getMessage() + " (now " + clock + ")");
            try (Archive reader = Archives.openForReading(archive)) {
                assertEquals(4, reader.counts().tiles());
                assertEquals(4, reader.vectors().count());
            }
            first.commitSlide(slide("b.svs"), grid(1, 1, 100, 8));
        }
        try (ArchiveWriter next = Archives.openForWriting(archive, WriterOptions.of("remove"))) {
            assertEquals(5, next.counts().tiles(), "the lock went with the first writer");
        }
    }

    @Test
    void aWaitingWriterGetsTheArchiveWhenTheHolderCloses() throws Exception {
        Path archive = dir.resolve("archive");
        ArchiveWriter first = create(archive);
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            first.close();
        });
        long start = System.nanoTime();
        try (ArchiveWriter second = Archives.openForWriting(archive, WriterOptions.of("relink").waiting(Duration.ofSeconds(30)))) {
            assertTrue(System.nanoTime() - start > 400_000_000L, "it waited");
        }
        closer.join();
    }

    @Test
    void aWaitingWriterGivesUpAtOnceWhenStopped() {
        Path archive = dir.resolve("archive");
        try (ArchiveWriter holder = create(archive)) {
            long start = System.nanoTime();
            var stopped = assertThrows(ArchiveException.class, () -> Archives.openForWriting(archive, WriterOptions.of("index")
                    .waiting(Duration.ofSeconds(60)).stoppingWhen(() -> System.nanoTime() - start > 300_000_000L)));
            assertTrue(stopped.getMessage().contains("stopped while waiting for another writer"), stopped.getMessage());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "it stopped waiting within seconds, not a minute");
        }
    }

    @Test
    void aWaitingWriterIsToldOnceWhoItWaitsForAndReadersCanAskWhoWrites() throws Exception {
        Path archive = dir.resolve("archive");
        assertEquals(Optional.empty(), Archives.writer(archive), "no folder, no writer");
        ArchiveWriter first = create(archive);
        Instant taken = Instant.now();
        ArchiveWriterInfo writing = Archives.writer(archive).orElseThrow();
        assertEquals(new ArchiveWriterInfo(ProcessHandle.current().pid(), "index", writing.started()), writing);
        assertTrue(Duration.between(writing.started().orElseThrow(), taken).abs().toSeconds() < 5, writing.toString());
        List<ArchiveWriterInfo> told = new CopyOnWriteArrayList<>();
        ArchiveProgress listener = new ArchiveProgress() {
            @Override
            public void update(String message, long done, long total) {
            }

            @Override
            public void waitingForWriter(ArchiveWriterInfo holder) {
                told.add(holder);
                first.close();
            }
        };
        try (ArchiveWriter second = Archives.openForWriting(archive, WriterOptions.of("remove").waiting(Duration.ofSeconds(30))
                .reportingTo(listener))) {
            assertEquals(List.of(writing), told);
            assertEquals("remove", Archives.writer(archive).orElseThrow().command());
        }
        assertEquals(Optional.empty(), Archives.writer(archive), "the lock file stays, but nobody holds it");
    }

    @Test
    void aRefusalCarriesWhoHoldsTheArchive() {
        Path archive = dir.resolve("archive");
        try (ArchiveWriter first = create(archive)) {
            var refused = assertThrows(ArchiveBusyException.class, () -> Archives.openForWriting(archive, WriterOptions.of("remove")));
            assertEquals(Archives.writer(archive), refused.holder());
        }
    }

    @Test
    void theLockGoesWithAProcessKilledWhileWriting() throws Exception {
        Path archive = dir.resolve("archive");
        create(archive).close();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), archive.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("holding", out.readLine());
            var refused = assertThrows(ArchiveException.class,
                    () -> Archives.openForWriting(archive, WriterOptions.of("index")));
            assertTrue(refused.getMessage().contains("by process " + holder.pid() + " (migrate started "), refused.getMessage());
            assertEquals(holder.pid(), Archives.writer(archive).orElseThrow().pid(), "a reader sees who writes");
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(holder.isAlive());
        assertEquals(Optional.empty(), Archives.writer(archive), "a dead holder writes nothing");
        Archives.openForWriting(archive, WriterOptions.of("index")).close();
    }

    /** Holds an archive's writer lock until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (ArchiveWriter writer = Archives.openForWriting(Path.of(args[0]), WriterOptions.of("migrate"))) {
                System.out.println("holding");
                System.out.flush();
                Thread.sleep(List.of(120_000L).getFirst());
                writer.compact();
            }
        }
    }
}
