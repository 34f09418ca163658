package io.histoseek.app.gui;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.TestArchive;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.wizard.IndexWizard;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.WriterOptions;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another process holds the archive's writer lock (as {@code histoseek index} does): the wizard's
 * run says who and since when, waits, and starts when the other writer ends, or gives up on Cancel
 * without writing; the main window opens the archive meanwhile and says that it is being written.
 */
@ExtendWith(ApplicationExtension.class)
class ArchiveBusyTest {
    private HistoseekApp app;
    private Process holder;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path config = Files.createTempDirectory("histoseek-gui-config").resolve("histoseek.properties");
        app = (HistoseekApp) FxToolkit.setupApplication(() -> new HistoseekApp(new GuiPreferences(config)));
    }

    @AfterEach
    void stop() throws Exception {
        if (holder != null) {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        app.window().wizard().ifPresent(w -> w.cancelAndWait(Duration.ofSeconds(20)));
        FxToolkit.cleanupApplication(app);
        app.window().wizard().ifPresent(w -> WaitForAsyncUtils.waitForAsyncFx(5000, w.stage()::close));
    }

    @Test
    void theWizardWaitsForAnotherWriterSayingWhoThenRuns(FxRobot robot) throws Exception {
        TestArchive data = TestArchive.copySlides();
        holder = holdWriterLock(data);
        Label busy = startWizard(robot, data);

        GuiTestSupport.waitUntil("the busy line", 60, busy::isVisible, busy::getText);
        assertBusyLine(busy.getText(), data.archive, holder.pid());
        Label counts = robot.lookup("#indexCounts").queryAs(Label.class);
        assertEquals("Waiting for the other writer\u2026", counts.getText());
        Thread.sleep(1000);
        assertTrue(app.window().wizard().orElseThrow().running(), "still waiting, not failed");
        assertTrue(busy.isVisible());

        release(holder);
        Label outcome = robot.lookup("#indexOutcome").queryAs(Label.class);
        GuiTestSupport.waitUntil("the run after the other writer ended", 180, () -> outcome.getText().startsWith("Done"), outcome::getText);
        assertFalse(busy.isVisible(), "the busy line goes once the archive is taken");
        try (Archive archive = Archives.openForReading(data.archive);
             Archive uninterrupted = Archives.openForReading(TestArchive.indexed().archive)) {
            assertEquals(uninterrupted.counts(), archive.counts(), "the same archive as a run that never waited");
        }
    }

    @Test
    void cancelWhileWaitingGivesUpWithoutWritingAndTheWindowSaysWhoWrites(FxRobot robot) throws Exception {
        TestArchive data = TestArchive.copySlides();
        holder = holdWriterLock(data);
        robot.interact(() -> app.window().archives().open(data.archive));
        GuiTestSupport.waitUntil("the archive opened beside its writer", 30,
                () -> app.window().model().statusProperty().get().contains("is writing it"), app.window().model().statusProperty()::get);
        assertTrue(app.window().model().statusProperty().get().contains("process " + holder.pid() + " (index started "),
                app.window().model().statusProperty().get());

        Label busy = startWizard(robot, data);
        GuiTestSupport.waitUntil("the busy line", 60, busy::isVisible, busy::getText);
        assertBusyLine(busy.getText(), data.archive, holder.pid());
        long start = System.nanoTime();
        robot.clickOn("#cancelButton");
        IndexWizard wizard = app.window().wizard().orElseThrow();
        GuiTestSupport.waitUntil("the cancel", 10, () -> !wizard.running());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "gave up within seconds");
        Label outcome = robot.lookup("#indexOutcome").queryAs(Label.class);
        assertEquals("Cancelled while waiting for the other writer; nothing was written. Resume run waits again.", outcome.getText());
        assertFalse(busy.isVisible());
        assertFalse(robot.lookup("#resumeRunButton").queryAs(Button.class).isDisabled());
        assertTrue(holder.isAlive(), "the other writer goes on");
        try (Archive archive = Archives.openForReading(data.archive)) {
            assertEquals(0, archive.counts().tiles());
        }
    }

    private Label startWizard(FxRobot robot, TestArchive data) {
        robot.interact(() -> app.window().openWizard());
        robot.interact(() -> {
            robot.lookup("#wizardFolderField").queryAs(TextField.class).setText(data.slides.toString());
            robot.lookup("#wizardArchiveField").queryAs(TextField.class).setText(data.archive.toString());
            robot.lookup("#wizardCheckpointField").queryAs(TextField.class).setText(SharedTestData.tinyCheckpoint().toString());
        });
        robot.clickOn("#wizardNext").clickOn("#wizardNext").clickOn("#wizardNext");
        return robot.lookup("#archiveBusy").queryAs(Label.class);
    }

    private static void assertBusyLine(String line, Path archive, long pid) {
        assertTrue(Pattern.matches("Archive busy: " + Pattern.quote(archive.toString()) + " is being written by process " + pid
                + " \\(index started \\d\\d:\\d\\d\\)\\. This run starts when that ends; Cancel gives up without writing anything\\.",
                line), line);
    }

    /** A second JVM that creates the archive and holds its writer lock until a line arrives on its stdin. */
    private static Process holdWriterLock(TestArchive data) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), data.archive.toString(), data.slides.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("holding", out.readLine());
        return process;
    }

    private static void release(Process process) throws Exception {
        try (OutputStream in = process.getOutputStream()) {
            in.write('\n');
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    /** Holds an archive's writer lock (as `histoseek index` does) until a line (or the end) comes on stdin. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (ArchiveWriter writer = Archives.openForWriting(Path.of(args[0]),
                    WriterOptions.of("index").creatingWithRoot(Path.of(args[1])))) {
                System.out.println("holding");
                System.out.flush();
                System.in.read();
                writer.counts();
            }
        }
    }
}
