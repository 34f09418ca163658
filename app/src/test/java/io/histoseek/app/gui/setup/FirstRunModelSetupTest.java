package io.histoseek.app.gui.setup;

import io.histoseek.app.SharedTestData;
import com.sun.net.httpserver.HttpServer;
import io.histoseek.app.config.AppConfig;
import io.histoseek.app.config.AppDirs;
import io.histoseek.app.config.RegisteredModel;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.GuiTestSupport;
import io.histoseek.app.gui.HistoseekApp;
import io.histoseek.app.setup.ModelSetup;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first-run model setup in the real window, with its own settings and data folders: offered
 * when no model is configured, a download from a local server registers the model, garbage is
 * refused without registering anything, a checkpoint the user has is registered, and a configured
 * model means no dialog.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunModelSetupTest {
    @TempDir
    Path temp;
    private HistoseekApp app;
    private HttpServer server;
    private volatile long pauseMillis;
    private final List<String> rangesAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    private AppDirs dirs() {
        return new AppDirs(temp.resolve("config/histoseek"), temp.resolve("data/histoseek"));
    }

    private ModelSetupDialog start(URI url) throws Exception {
        FxToolkit.registerPrimaryStage();
        AppDirs dirs = dirs();
        app = (HistoseekApp) FxToolkit.setupApplication(() ->
                new HistoseekApp(new GuiPreferences(dirs.configFile()), new ModelSetupSettings(dirs, url, true)));
        WaitForAsyncUtils.waitForFxEvents();
        return app.window().modelSetup().orElseThrow(() -> new AssertionError("no model setup offered on start"));
    }

    /**
     * Serves {@code body} at /models/NAME like S3 (HEAD, Range); while {@link #pauseMillis} > 0 the
     * body trickles out in 4 kB pieces so a download can be cancelled part-way.
     */
    private URI serve(String name, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean head = exchange.getRequestMethod().equals("HEAD");
                String range = exchange.getRequestHeaders().getFirst("Range");
                rangesAsked.add(String.valueOf(range));
                int start = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                if (range != null) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
                }
                exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length - start));
                exchange.sendResponseHeaders(range == null ? 200 : 206, head ? -1 : body.length - start);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int at = start; at < body.length; at += 4096) {
                            out.write(body, at, Math.min(4096, body.length - at));
                            out.flush();
                            if (pauseMillis > 0) {
                                sleep(pauseMillis);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the client cancelled: it hung up
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models/" + name);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            WaitForAsyncUtils.waitForFxEvents();
        }
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window instanceof Stage other && other.getOwner() != null) {
                WaitForAsyncUtils.waitForAsyncFx(5000, other::close);
            }
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private Optional<RegisteredModel> registered() throws IOException {
        return new ModelSetup(dirs(), path -> {
            throw new AssertionError("nothing to verify");
        }).registered();
    }

    @Test
    void downloadFromTheDialogRegistersTheModel(FxRobot robot) throws Exception {
        byte[] fixture = Files.readAllBytes(SharedTestData.tinyCheckpoint());
        ModelSetupDialog dialog = start(serve("tiny-hoptimus.pth", fixture));
        assertTrue(dialog.stage().isShowing());
        Label status = dialog.statusLabel();
        GuiTestSupport.waitUntil("the registered model is read", 5, () -> status.getText().startsWith("No model registered"));
        Label size = robot.lookup("#modelSizeLabel").queryAs(Label.class);
        GuiTestSupport.waitUntil("the size from the server", 5, () -> size.getText().equals("403.5 kB"));
        GuiTestSupport.screenshot(dialog.stage().getScene(), "first-run-model-setup");

        robot.clickOn("#modelDownloadButton");
        GuiTestSupport.waitUntil("the download to be registered", 15, () -> status.getText().startsWith("Registered now"),
                () -> dialog.messageLabel().getText());
        Path expected = dirs().modelsDir().resolve("tiny-hoptimus.pth");
        assertEquals(expected, registered().orElseThrow().checkpoint());
        assertTrue(status.getText().contains(expected.toString()), status.getText());
        assertTrue(Files.readString(dirs().configFile()).contains("model.checkpoint="), "settings file names the model");
        assertTrue(Files.isRegularFile(expected));
        assertEquals("Model registered: " + expected, app.window().model().statusProperty().get());
        assertTrue(robot.lookup("#modelProgressLabel").queryAs(Label.class).getText().startsWith("Verified"));
        GuiTestSupport.screenshot(dialog.stage().getScene(), "first-run-model-registered");

        // a later save of the app's own preferences keeps the registration
        new GuiPreferences(dirs().configFile()).put(GuiPreferences.ARCHIVE, temp.toString());
        assertEquals(expected, RegisteredModel.from(AppConfig.load(dirs())).orElseThrow().checkpoint());
    }

    @Test
    void cancelKeepsThePartAndDownloadResumesIt(FxRobot robot) throws Exception {
        byte[] fixture = Files.readAllBytes(SharedTestData.tinyCheckpoint());
        pauseMillis = 20; // about 2 s for the whole body: time to press Cancel part-way
        ModelSetupDialog dialog = start(serve("tiny-hoptimus.pth", fixture));
        Label progress = robot.lookup("#modelProgressLabel").queryAs(Label.class);
        robot.clickOn("#modelDownloadButton");
        ProgressBar bar = robot.lookup("#modelProgressBar").queryAs(ProgressBar.class);
        GuiTestSupport.waitUntil("some bytes to arrive", 10, () -> bar.getProgress() > 0.1);
        GuiTestSupport.screenshot(dialog.stage().getScene(), "first-run-model-downloading");
        robot.clickOn("#modelCancelButton");
        GuiTestSupport.waitUntil("the cancel", 10, () -> progress.getText().contains("cancelled"));
        Path part = dirs().modelsDir().resolve("tiny-hoptimus.pth.part");
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept < fixture.length, "part-way: " + kept);
        assertTrue(registered().isEmpty());

        pauseMillis = 0;
        robot.clickOn("#modelDownloadButton");
        GuiTestSupport.waitUntil("the resumed download to be registered", 15,
                () -> dialog.statusLabel().getText().startsWith("Registered now"), () -> dialog.messageLabel().getText());
        assertArrayEquals(fixture, Files.readAllBytes(dirs().modelsDir().resolve("tiny-hoptimus.pth")));
        assertEquals("bytes=" + kept + "-", rangesAsked.getLast(), "the second try asked for the rest only");
    }

    @Test
    void garbageFromTheServerIsRefusedAndNothingIsRegistered(FxRobot robot) throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        ModelSetupDialog dialog = start(serve("checkpoint.pth", garbage));
        robot.clickOn("#modelDownloadButton");
        Label message = dialog.messageLabel();
        GuiTestSupport.waitUntil("the verification error", 15, () -> !message.getText().isEmpty());
        assertTrue(message.getText().contains("not a usable checkpoint"), message.getText());
        assertFalse(message.getText().contains("\n"), "one line: " + message.getText());
        GuiTestSupport.screenshot(dialog.stage().getScene(), "first-run-model-refused");
        assertTrue(registered().isEmpty());
        GuiTestSupport.waitUntil("the status to say so", 5, () -> dialog.statusLabel().getText().startsWith("No model registered"));
        try (var files = Files.list(dirs().modelsDir())) {
            assertEquals(List.of(), files.toList(), "the refused download is deleted");
        }
    }

    @Test
    void aCheckpointTheUserHasIsRegisteredAndAMissingOneIsExplained() throws Exception {
        ModelSetupDialog dialog = start(URI.create("http://127.0.0.1:9/unused.pth"));
        Path missing = temp.resolve("nowhere.pth");
        Optional<Throwable> failure = waitFor(WaitForAsyncUtils.asyncFx(() -> dialog.use(missing)).get(5, TimeUnit.SECONDS));
        assertTrue(failure.isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(missing + ": no such file", dialog.messageLabel().getText());
        assertTrue(registered().isEmpty());

        Path fixture = SharedTestData.tinyCheckpoint().toAbsolutePath().normalize();
        assertEquals(Optional.empty(), waitFor(WaitForAsyncUtils.asyncFx(() -> dialog.use(fixture)).get(5, TimeUnit.SECONDS)));
        assertEquals(fixture, registered().orElseThrow().checkpoint());
        GuiTestSupport.waitUntil("the status to show it", 5, () -> dialog.statusLabel().getText().contains(fixture.toString()));
        assertEquals(Optional.of(fixture), new GuiPreferences(dirs().configFile()).checkpoint());
    }

    private static Optional<Throwable> waitFor(java.util.concurrent.CompletableFuture<?> work) throws Exception {
        try {
            work.get(15, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            WaitForAsyncUtils.waitForFxEvents();
            return Optional.of(e.getCause());
        }
    }

    @Test
    void noDialogWhenAModelIsRegistered() throws Exception {
        new ModelSetup(dirs(), new io.histoseek.app.setup.LoaderVerifier()).use(SharedTestData.tinyCheckpoint());
        FxToolkit.registerPrimaryStage();
        AppDirs dirs = dirs();
        app = (HistoseekApp) FxToolkit.setupApplication(() ->
                new HistoseekApp(new GuiPreferences(dirs.configFile()), new ModelSetupSettings(dirs, URI.create("http://127.0.0.1:9/x.pth"), true)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.window().modelSetup().isEmpty());
        assertTrue(Window.getWindows().stream().noneMatch(window -> window instanceof Stage stage && stage.getOwner() != null && stage.isShowing()));
    }
}
