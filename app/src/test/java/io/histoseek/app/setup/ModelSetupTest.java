package io.histoseek.app.setup;

import io.histoseek.app.config.AppDirs;
import io.histoseek.app.SharedTestData;
import io.histoseek.app.config.RegisteredModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Download, resume, verify and register against a real HTTP server on 127.0.0.1. */
class ModelSetupTest {
    private static final Path FIXTURE = SharedTestData.tinyCheckpoint();

    @TempDir
    Path home;

    private AppDirs dirs;
    private ModelSetup setup;
    private Path models;
    private byte[] fixture;
    private final ByteArrayOutputStream progressText = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        dirs = new AppDirs(home.resolve("config/histoseek"), home.resolve("data/histoseek"));
        setup = new ModelSetup(dirs, new LoaderVerifier());
        models = dirs.modelsDir();
        fixture = Files.readAllBytes(FIXTURE);
    }

    @Test
    void interruptedDownloadResumesWithRangeToIdenticalBytesThenRegisters() throws IOException {
        try (FixtureServer server = new FixtureServer(fixture).cutNextResponseAfter(150_000)) {
            URI url = server.url("tiny-hoptimus.pth");
            IOException lost = assertThrows(IOException.class, () -> download(url));
            assertTrue(lost.getMessage().contains("run the same command again to resume"), lost.getMessage());
            Path part = models.resolve("tiny-hoptimus.pth.part");
            // the server wrote 150,000 bytes; a reset connection may lose the last few in flight
            long kept = Files.size(part);
            assertTrue(kept > 100_000 && kept <= 150_000, "what arrived is kept for the resume: " + kept);
            assertFalse(Files.exists(models.resolve("tiny-hoptimus.pth")));
            assertTrue(setup.registered().isEmpty());

            ModelSetup.Registration registration = download(url);

            assertEquals(List.of("", "bytes=" + kept + "-"), server.rangesAsked());
            Path target = models.resolve("tiny-hoptimus.pth");
            assertArrayEquals(fixture, Files.readAllBytes(target));
            assertFalse(Files.exists(part));
            RegisteredModel registered = setup.registered().orElseThrow();
            assertEquals(target, registered.checkpoint());
            assertEquals(fixture.length, registered.sizeBytes());
            assertEquals(registration.model().identity(), registered.identity());
            assertTrue(registered.identity().contains("dim 48, depth 2, heads 3"), registered.identity());
            assertTrue(registration.verification().hasWarning(), "the tiny model is not the real H-optimus-0");
            assertTrue(progressText.toString(StandardCharsets.UTF_8).contains(
                            String.format("resuming at %.1f kB of 403.5 kB", kept / 1e3)),
                    progressText.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void fileChangedOnTheServerBetweenTriesIsFetchedWholeNotSpliced() throws IOException {
        byte[] older = fixture.clone();
        older[50_000] ^= 1; // same size, differs before the cut: a splice would be neither version
        try (FixtureServer server = new FixtureServer(older).cutNextResponseAfter(100_000)) {
            URI url = server.url("tiny-hoptimus.pth");
            assertThrows(IOException.class, () -> download(url));
            assertEquals("\"v1\"", Files.readString(ResumableDownload.validatorFile(models.resolve("tiny-hoptimus.pth.part"))));
            server.replaceBody(fixture, "\"v2\"");

            download(url);

            assertTrue(server.rangesAsked().get(1).startsWith("bytes="), "it asked to resume");
        }
        assertArrayEquals(fixture, Files.readAllBytes(models.resolve("tiny-hoptimus.pth")));
        assertFalse(Files.exists(ResumableDownload.validatorFile(models.resolve("tiny-hoptimus.pth.part"))));
    }

    @Test
    void serverThatIgnoresRangeStartsOverAndStillEndsIdentical() throws IOException {
        try (FixtureServer server = new FixtureServer(fixture).cutNextResponseAfter(99_999).ignoreRanges()) {
            URI url = server.url("tiny-hoptimus.pth");
            assertThrows(IOException.class, () -> download(url));
            download(url);
            assertArrayEquals(fixture, Files.readAllBytes(models.resolve("tiny-hoptimus.pth")));
        }
    }

    @Test
    void listenerThatThrowsCancelsAndTheNextTryResumes() throws IOException {
        Files.createDirectories(models);
        DownloadListener cancelling = new DownloadListener() {
            @Override public void started(long alreadyHave, long total) {}
            @Override public void progressed(long done, long total) {
                throw new java.util.concurrent.CancellationException("cancelled by the user");
            }
            @Override public void finished(long done, long total) {}
            @Override public void abandoned() {}
        };
        try (FixtureServer server = new FixtureServer(fixture)) {
            URI url = server.url("tiny-hoptimus.pth");
            assertThrows(java.util.concurrent.CancellationException.class, () -> setup.download(url, models,
                    new ResumableDownload(ResumableDownload.defaultClient()), cancelling));
            long kept = Files.size(models.resolve("tiny-hoptimus.pth.part"));
            assertTrue(kept > 0 && kept < fixture.length, "kept " + kept);
            assertTrue(setup.registered().isEmpty());

            download(url);
            assertEquals(List.of("", "bytes=" + kept + "-"), server.rangesAsked());
        }
        assertArrayEquals(fixture, Files.readAllBytes(models.resolve("tiny-hoptimus.pth")));
    }

    @Test
    void completePartLeftBeforeTheRenameIsFinishedOnA416() throws IOException {
        Files.createDirectories(models);
        Files.write(models.resolve("tiny-hoptimus.pth.part"), fixture);
        try (FixtureServer server = new FixtureServer(fixture)) {
            download(server.url("tiny-hoptimus.pth"));
            assertEquals(List.of("bytes=" + fixture.length + "-"), server.rangesAsked());
        }
        assertArrayEquals(fixture, Files.readAllBytes(models.resolve("tiny-hoptimus.pth")));
        assertTrue(setup.registered().isPresent());
    }

    @Test
    void garbageBodyIsRefusedDeletedAndNotRegistered() throws IOException {
        byte[] garbage = new byte[fixture.length];
        new Random(7).nextBytes(garbage);
        try (FixtureServer server = new FixtureServer(garbage)) {
            IOException refused = assertThrows(IOException.class, () -> download(server.url("tiny-hoptimus.pth")));
            assertTrue(refused.getMessage().contains("not a usable checkpoint"), refused.getMessage());
        }
        assertNothingLeft();
    }

    @Test
    void truncatedFileServedAsCompleteIsRefusedDeletedAndNotRegistered() throws IOException {
        try (FixtureServer server = new FixtureServer(Arrays.copyOf(fixture, fixture.length / 2))) {
            IOException refused = assertThrows(IOException.class, () -> download(server.url("tiny-hoptimus.pth")));
            assertTrue(refused.getMessage().contains("not a usable checkpoint"), refused.getMessage());
        }
        assertNothingLeft();
    }

    @Test
    void bodyCutShortOfItsLengthIsNeitherRenamedNorRegistered() throws IOException {
        try (FixtureServer server = new FixtureServer(fixture).cutNextResponseAfter(fixture.length - 10)) {
            assertThrows(IOException.class, () -> download(server.url("tiny-hoptimus.pth")));
        }
        assertFalse(Files.exists(models.resolve("tiny-hoptimus.pth")));
        assertTrue(setup.registered().isEmpty());
        assertFalse(Files.exists(dirs.configFile()));
    }

    @Test
    void useRegistersAGoodCheckpointWhereItIs() throws IOException {
        ModelSetup.Registration registration = setup.use(FIXTURE);
        assertEquals(FIXTURE, setup.registered().orElseThrow().checkpoint());
        assertEquals(registration.configFile(), dirs.configFile());
        assertFalse(Files.exists(models), "use copies nothing");
    }

    @Test
    void useRefusesABadFileAndKeepsTheModelRegisteredBefore() throws IOException {
        setup.use(FIXTURE);
        Path bad = home.resolve("pytorch_model.bin");
        Files.write(bad, Arrays.copyOf(fixture, 4096));
        IOException refused = assertThrows(IOException.class, () -> setup.use(bad));
        assertTrue(refused.getMessage().startsWith(bad.toString()), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
        assertEquals(FIXTURE, setup.registered().orElseThrow().checkpoint());
    }

    private ModelSetup.Registration download(URI url) throws IOException {
        DownloadProgress progress = new DownloadProgress(new PrintStream(progressText, true, StandardCharsets.UTF_8),
                false, "download");
        return setup.download(url, models, new ResumableDownload(ResumableDownload.defaultClient()), progress);
    }

    private void assertNothingLeft() throws IOException {
        assertFalse(Files.exists(models.resolve("tiny-hoptimus.pth")));
        assertFalse(Files.exists(models.resolve("tiny-hoptimus.pth.part")));
        assertTrue(setup.registered().isEmpty());
        assertFalse(Files.exists(dirs.configFile()));
    }
}
