package io.histoseek.app.gui;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.TestArchive;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.wizard.IndexWizard;
import io.histoseek.index.store.ArchiveStore;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause, cancel and resume in the wizard end with exactly the tiles of an uninterrupted run. */
@ExtendWith(ApplicationExtension.class)
class WizardControlTest {
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

    @Test
    void pauseCancelAndResume(FxRobot robot) throws Exception {
        TestArchive data = TestArchive.copySlides();
        robot.interact(() -> app.window().openWizard());
        IndexWizard wizard = app.window().wizard().orElseThrow();
        robot.interact(() -> {
            robot.lookup("#wizardFolderField").queryAs(TextField.class).setText(data.slides.toString());
            robot.lookup("#wizardArchiveField").queryAs(TextField.class).setText(data.archive.toString());
            robot.lookup("#wizardCheckpointField").queryAs(TextField.class).setText(SharedTestData.tinyCheckpoint().toString());
        });
        robot.clickOn("#wizardNext").clickOn("#wizardNext").clickOn("#wizardNext");
        robot.clickOn("#pauseButton");
        Label outcome = robot.lookup("#indexOutcome").queryAs(Label.class);
        Label counts = robot.lookup("#indexCounts").queryAs(Label.class);
        assertTrue(wizard.running(), "the run is still loading the encoder when Pause is clicked");
        {
            assertEquals("Paused", outcome.getText());
            Thread.sleep(2000); // a batch already in the encoder finishes; the next one waits
            String before = counts.getText();
            Thread.sleep(2000);
            assertEquals(before, counts.getText(), "nothing is embedded while paused");
            robot.clickOn("#cancelButton");
            GuiTestSupport.waitUntil("the cancel", 60, () -> !wizard.running());
            assertTrue(outcome.getText().startsWith("Cancelled"), outcome.getText());
            Button resume = robot.lookup("#resumeRunButton").queryAs(Button.class);
            assertTrue(!resume.isDisabled(), "a cancelled run can be resumed");
            robot.clickOn(resume);
        }
        GuiTestSupport.waitUntil("the resumed run", 120, () -> outcome.getText().startsWith("Done"));
        assertEquals(tiles(TestArchive.indexed().archive, TestArchive.indexed().slides), tiles(data.archive, data.slides),
                "the same tiles as an uninterrupted run");
    }

    private static Set<String> tiles(Path archive, Path slides) {
        Set<String> tiles = new TreeSet<>();
        try (ArchiveStore store = ArchiveStore.open(archive)) {
            store.forEachTile((slide, tile) -> tiles.add(slide + "\t" + tile.x() + "\t" + tile.y() + "\t" + tile.size()));
        }
        return tiles;
    }
}
