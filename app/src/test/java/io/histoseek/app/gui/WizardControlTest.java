package io.histoseek.app.gui;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.TestArchive;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.wizard.IndexWizard;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.Archives;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause holds the run, Continue goes on, cancel and resume end with exactly the tiles of an uninterrupted run. */
@ExtendWith(ApplicationExtension.class)
class WizardControlTest {
    private static final Pattern EMBEDDED = Pattern.compile("([\\d,]+) tiles embedded");
    private HistoseekApp app;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path config = Files.createTempDirectory("histoseek-gui-config").resolve("histoseek.properties");
        app = (HistoseekApp) FxToolkit.setupApplication(() -> new HistoseekApp(new GuiPreferences(config)));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        app.window().wizard().ifPresent(w -> robotlessClose(w.stage()));
    }

    private static void robotlessClose(Stage stage) {
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(5000, stage::close);
    }

    /**
     * Pause lands after tiles were embedded (on a progress event: a robot click arrives hundreds
     * of ms later, when the tiny model may be done), and nothing more is embedded while paused;
     * Continue embeds again; Cancel then Resume run end with the tiles of an uninterrupted run.
     */
    @Test
    void pauseCancelAndResume(FxRobot robot) throws Exception {
        Set<String> uninterrupted = tiles(TestArchive.indexed().archive, TestArchive.indexed().slides);
        TestArchive data = TestArchive.copySlides();
        robot.interact(() -> app.window().openWizard());
        IndexWizard wizard = app.window().wizard().orElseThrow();
        robot.interact(() -> {
            robot.lookup("#wizardFolderField").queryAs(TextField.class).setText(data.slides.toString());
            robot.lookup("#wizardArchiveField").queryAs(TextField.class).setText(data.archive.toString());
            robot.lookup("#wizardCheckpointField").queryAs(TextField.class).setText(SharedTestData.tinyCheckpoint().toString());
        });
        robot.clickOn("#wizardNext").clickOn("#wizardNext").clickOn("#wizardNext");
        // The run loads the encoder for seconds before its first progress: time to listen to it.
        Label outcome = robot.lookup("#indexOutcome").queryAs(Label.class);
        Label counts = robot.lookup("#indexCounts").queryAs(Label.class);
        Button pause = robot.lookup("#pauseButton").queryAs(Button.class);
        // Pauses at the first progress that shows more than pauseAbove tiles (-1: not now).
        AtomicLong pauseAbove = new AtomicLong(0);
        AtomicLong pausedAt = new AtomicLong(-1);
        robot.interact(() -> counts.textProperty().addListener((obs, old, text) -> {
            long above = pauseAbove.get();
            if (above >= 0 && embedded(text) > above) {
                pauseAbove.set(-1);
                pausedAt.set(embedded(text));
                pause.fire();
            }
        }));

        GuiTestSupport.waitUntil("tiles embedded, then Pause", 60, () -> pausedAt.get() > 0, counts::getText);
        assertTrue(wizard.running(), "paused mid-run, not after it: " + outcome.getText());
        assertEquals("Paused", outcome.getText());
        Thread.sleep(1500); // the batch already in the encoder finishes; the next one waits
        long whilePaused = embedded(counts.getText());
        Thread.sleep(2500);
        assertEquals(whilePaused, embedded(counts.getText()), "nothing is embedded while paused");
        assertTrue(whilePaused >= pausedAt.get() && whilePaused < uninterrupted.size(),
                "paused with tiles left to embed: " + whilePaused + " of " + uninterrupted.size());
        assertTrue(wizard.running(), "still paused, not finished");

        pausedAt.set(-1);
        pauseAbove.set(whilePaused);
        robot.clickOn(pause);
        GuiTestSupport.waitUntil("Continue to embed more tiles (then pause again)", 60,
                () -> pausedAt.get() > whilePaused, counts::getText);
        assertTrue(wizard.running(), outcome.getText());

        robot.clickOn("#cancelButton");
        GuiTestSupport.waitUntil("the cancel", 60, () -> !wizard.running());
        assertTrue(outcome.getText().startsWith("Cancelled"), outcome.getText());
        Button resume = robot.lookup("#resumeRunButton").queryAs(Button.class);
        assertFalse(resume.isDisabled(), "a cancelled run can be resumed");
        robot.clickOn(resume);
        GuiTestSupport.waitUntil("the resumed run", 120, () -> outcome.getText().startsWith("Done"), outcome::getText);
        assertEquals(uninterrupted, tiles(data.archive, data.slides), "the same tiles as an uninterrupted run");
    }

    /** The tiles embedded so far, from the counts line ("1 of 5 slides \u00b7 1,234 tiles embedded"). */
    private static long embedded(String counts) {
        Matcher matcher = EMBEDDED.matcher(counts);
        return matcher.find() ? Long.parseLong(matcher.group(1).replace(",", "")) : 0;
    }

    private static Set<String> tiles(Path archive, Path slides) {
        Set<String> tiles = new TreeSet<>();
        try (Archive store = Archives.openForReading(archive)) {
            store.forEachTile((slide, tile) -> tiles.add(slide + "\t" + tile.x() + "\t" + tile.y() + "\t" + tile.size()));
        }
        return tiles;
    }
}
