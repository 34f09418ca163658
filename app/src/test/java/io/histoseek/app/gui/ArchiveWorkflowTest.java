package io.histoseek.app.gui;

import io.histoseek.app.SharedTestData;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.histoseek.app.TestArchive;
import io.histoseek.app.export.CsvResultsWriter;
import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.search.HitCard;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.viewer.overlay.Outline;
import io.histoseek.app.gui.wizard.IndexWizard;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pathologist's path through the real window: index a folder with the wizard (tiny model),
 * open a slide from the archive browser, click tissue, read the gallery, open a hit and come
 * back, search a dragged rectangle, export, and see a placeholder for a slide that went missing.
 */
@ExtendWith(ApplicationExtension.class)
class ArchiveWorkflowTest {
    private HistoseekApp app;
    private Stage stage;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        config = Files.createTempDirectory("histoseek-gui-config").resolve("histoseek.properties");
        app = (HistoseekApp) FxToolkit.setupApplication(() -> new HistoseekApp(new GuiPreferences(config)));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        WaitForAsyncUtils.waitForFxEvents();
        for (javafx.stage.Window window : List.copyOf(javafx.stage.Window.getWindows())) {
            if (window != stage && window instanceof Stage other) {
                robotless(other::close);
            }
        }
    }

    private static void robotless(Runnable action) {
        WaitForAsyncUtils.waitForAsyncFx(5000, action);
    }

    @Test
    void indexSearchOpenHitAndExport(FxRobot robot) throws Exception {
        TestArchive data = TestArchive.copySlides();
        MainWindow window = app.window();

        // 1. The wizard indexes the folder with the tiny model.
        robot.clickOn("#toolbarIndex");
        GuiTestSupport.waitUntil("the wizard window", 10, () -> window.wizard().isPresent() && window.wizard().get().stage().isShowing());
        IndexWizard wizard = window.wizard().get();
        robot.interact(() -> {
            robot.lookup("#wizardFolderField").queryAs(TextField.class).setText(data.slides.toString());
            robot.lookup("#wizardArchiveField").queryAs(TextField.class).setText(data.archive.toString());
            robot.lookup("#wizardCheckpointField").queryAs(TextField.class).setText(SharedTestData.tinyCheckpoint().toString());
        });
        robot.clickOn("#wizardNext");
        Label summary = robot.lookup("#wizardPreviewSummary").queryAs(Label.class);
        Label estimate = robot.lookup("#wizardEstimate").queryAs(Label.class);
        GuiTestSupport.waitUntil("the preview", 60, () -> summary.getText().startsWith("5 slides"));
        GuiTestSupport.waitUntil("the time estimate", 60, () -> estimate.getText().contains("tiles/s"));
        assertTrue(summary.getText().contains("2 would fail"), summary.getText());
        assertTrue(robot.lookup("#wizardPreviewTable").queryTableView().getItems().stream()
                .anyMatch(row -> ((io.histoseek.app.gui.wizard.SlidePreview) row).problem().startsWith("no mpp")), "the slide without mpp says so");
        GuiTestSupport.screenshot(wizard.stage().getScene(), "wizard-preview");
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardNext");
        Label outcome = robot.lookup("#indexOutcome").queryAs(Label.class);
        GuiTestSupport.waitUntil("the indexing run", 180, () -> outcome.getText().startsWith("Done"));
        ListView<?> failures = robot.lookup("#indexFailures").queryAs(ListView.class);
        assertEquals(2, failures.getItems().size(), failures.getItems().toString());
        assertTrue(failures.getItems().toString().contains("unreadable.svs"), failures.getItems().toString());
        GuiTestSupport.screenshot(wizard.stage().getScene(), "wizard-run");
        robot.clickOn("#wizardNext");

        // 2. The main window opens the new archive; the browser lists its slides with their status.
        GuiTestSupport.waitUntil("the archive", 60, () -> window.model().archiveProperty().get() != null && window.model().archiveProperty().get().searchable());
        ListView<?> archiveList = window.archiveBrowser().list();
        GuiTestSupport.waitUntil("the archive list", 30, () -> archiveList.getItems().size() == 5);
        assertTrue(Files.readString(config).contains(data.archive.toString()), "the archive is remembered for the next start");

        // 3. Open the slide from the browser and click tissue.
        // The list refreshes as thumbnails arrive; a double-click that lands while its row is being
        // rebuilt is lost (as it would be for a user), so look the row up afresh and try again.
        SlideViewer viewer = window.slidePanel().viewer();
        for (int attempt = 0; attempt < 3 && !showing(viewer, TestArchive.AGENT); attempt++) {
            WaitForAsyncUtils.waitForFxEvents();
            robot.doubleClickOn(robot.lookup((Label label) -> TestArchive.AGENT.equals(label.getText())).queryAs(Label.class));
            try {
                GuiTestSupport.waitUntil("the slide", 5, () -> showing(viewer, TestArchive.AGENT));
            } catch (AssertionError retry) {
                // next attempt
            }
        }
        GuiTestSupport.waitUntil("the slide", 10, () -> showing(viewer, TestArchive.AGENT),
                () -> "(status: " + window.model().statusProperty().get() + ", image: " + viewer.getImage() + ")");
        robot.clickOn(screenPoint(viewer, 1100, 1500));
        GuiTestSupport.waitUntil("search results", 60, () -> !window.searchPanel().gallery().hits().isEmpty());
        List<GalleryTile> hits = window.searchPanel().gallery().hits();
        assertEquals(24, hits.size(), "k hits, default 24");
        assertTrue(outlines(window).stream().anyMatch(o -> o.color().equals(Outline.QUERY) && o.region().width() == 224),
                "the queried tile is outlined");
        GuiTestSupport.waitUntil("hit pictures", 30, () -> robot.lookup(".hit-card").queryAll().stream()
                .allMatch(card -> ((HitCard) card).lookup(".image-view") != null));
        Thread.sleep(800);
        GuiTestSupport.screenshot(stage.getScene(), "main-search-results");

        // 4. Exclude the query's slide; the best hits are the same tissue in the copies.
        robot.clickOn("#excludeSameSlide");
        GuiTestSupport.waitUntil("results without the query slide", 30, () -> !window.searchPanel().gallery().hits().isEmpty()
                && window.searchPanel().gallery().hits().stream().noneMatch(h -> h.slideName().equals(TestArchive.AGENT)));
        GalleryTile best = window.searchPanel().gallery().hits().getFirst();
        robot.interact(() -> robot.lookup("#orderBox").queryComboBox().getSelectionModel().select(1));
        long slidesWithHits = window.searchPanel().gallery().hits().stream().map(GalleryTile::slide).distinct().count();
        assertEquals(slidesWithHits, robot.lookup(".gallery-group").queryAll().size(), "one group per slide");
        robot.interact(() -> robot.lookup("#orderBox").queryComboBox().getSelectionModel().select(0));
        assertTrue(best.slideName().equals(TestArchive.QUARTER) || best.slideName().equals(TestArchive.HOSTILE_NAME), best.toString());

        // 5. Double-click a hit: its slide opens centred on it, outlined; Back returns to the query.
        HitCard first = robot.lookup(".hit-card").queryAs(HitCard.class);
        robot.doubleClickOn(first);
        GuiTestSupport.waitUntil("the hit's slide", 10, () -> viewer.getImage().name().equals(first.hit().slideName()));
        Viewport atHit = viewer.getViewport();
        assertEquals(first.hit().x() + first.hit().width() / 2.0, atHit.centreX(), 1.0, "centred on the hit");
        assertTrue(outlines(window).stream().anyMatch(o -> o.color().equals(Outline.HIT)), "the hit is outlined");
        Thread.sleep(1200);
        GuiTestSupport.screenshot(stage.getScene(), "main-hit-opened");
        robot.clickOn("#backButton");
        GuiTestSupport.waitUntil("back at the query", 10, () -> viewer.getImage().name().equals(TestArchive.AGENT));
        assertTrue(outlines(window).stream().anyMatch(o -> o.color().equals(Outline.QUERY)), "the query outline is back");
        robot.clickOn("#forwardButton");
        GuiTestSupport.waitUntil("forward to the hit", 10, () -> viewer.getImage().name().equals(first.hit().slideName()));
        robot.clickOn("#backButton");
        GuiTestSupport.waitUntil("back again", 10, () -> viewer.getImage().name().equals(TestArchive.AGENT));

        // 6. A shift-dragged rectangle searches the mean of its tiles (a new result, not the last one still showing).
        ResultGallery beforeBox = window.model().resultProperty().get();
        Point2D from = screenPoint(viewer, 700, 1300);
        Point2D to = screenPoint(viewer, 1300, 1900);
        robot.press(KeyCode.SHIFT).drag(from, MouseButton.PRIMARY).dropTo(to).release(KeyCode.SHIFT);
        GuiTestSupport.waitUntil("the rectangle's results", 30, () -> window.model().resultProperty().get() != beforeBox
                && window.model().resultProperty().get().query().width() > 400);
        ResultGallery boxed = window.model().resultProperty().get();
        assertTrue(outlines(window).stream().anyMatch(o -> o.color().equals(Outline.QUERY) && o.region().width() > 400),
                "the rectangle is outlined");
        assertFalse(boxed.hits().isEmpty());
        assertTrue(boxed.hits().stream().noneMatch(h -> h.slideName().equals(TestArchive.AGENT)), "still without the query's slide");
        assertEquals(boxed.hits(), window.searchPanel().gallery().hits(), "the gallery shows the rectangle's hits");

        // 7. A slide outside the archive: its tile is embedded on the fly with the archive's model.
        Path outside = SharedTestData.slides().resolve("constructed/CMU-1-Small-Region-mirax.mrxs");
        robot.interact(() -> window.slidePanel().open(outside));
        GuiTestSupport.waitUntil("the outside slide", 10, () -> viewer.getImage().name().endsWith(".mrxs"));
        robot.clickOn(screenPoint(viewer, 1100, 1500));
        GuiTestSupport.waitUntil("results for the outside slide", 60, () -> window.searchPanel().gallery().hits().size() == 24
                && outlines(window).stream().anyMatch(o -> o.color().equals(Outline.QUERY) && o.region().width() == 224));
        assertTrue(window.searchPanel().gallery().hits().getFirst().score() > 0.9,
                "the same tissue in the archive: " + window.searchPanel().gallery().hits().getFirst());

        // 8. Export the gallery and read every file back.
        Path out = Files.createTempDirectory("histoseek-export");
        List<Path> files = WaitForAsyncUtils.asyncFx(() -> window.searchPanel().exportTo(out)).get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        List<GalleryTile> exported = window.searchPanel().gallery().hits();
        List<String> csv = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals(CsvResultsWriter.HEADER, csv.getFirst());
        assertEquals(exported.size() + 1, csv.size());
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().startsWith("img_src_x")), files.toString());
        for (Path geojson : files.stream().filter(f -> f.toString().endsWith(".geojson")).toList()) {
            JsonObject collection = JsonParser.parseString(Files.readString(geojson)).getAsJsonObject();
            assertEquals("FeatureCollection", collection.get("type").getAsString());
            JsonArray features = collection.getAsJsonArray("features");
            assertFalse(features.isEmpty());
            JsonObject feature = features.get(0).getAsJsonObject();
            assertEquals("Feature", feature.get("type").getAsString());
            assertEquals("Polygon", feature.getAsJsonObject("geometry").get("type").getAsString());
            assertEquals(5, feature.getAsJsonObject("geometry").getAsJsonArray("coordinates").get(0).getAsJsonArray().size());
            JsonObject properties = feature.getAsJsonObject("properties");
            assertEquals("annotation", properties.get("objectType").getAsString());
            assertTrue(properties.has("score") && properties.has("rank") && properties.has("classification"));
        }
        String html = Files.readString(out.resolve("index.html"));
        assertFalse(html.contains("<img src=x"), "the hostile slide name is escaped in the page");

        // 9. A slide that went missing shows a placeholder, not an error.
        Path hostile = data.slide(TestArchive.HOSTILE_NAME);
        Files.move(hostile, hostile.resolveSibling("moved-away.bin"));
        robot.interact(() -> robot.lookup("#kSpinner").queryAs(Spinner.class).getValueFactory().setValue(12));
        GuiTestSupport.waitUntil("a placeholder for the missing slide", 30, () -> !robot.lookup(".missing-slide").queryAll().isEmpty());
        assertEquals(0, javafx.stage.Window.getWindows().stream().filter(w -> w.isShowing() && w != stage
                && w != wizard.stage()).count(), "no error dialog");
    }

    /** What the viewer outlines now: the query's and the opened hit's. */
    private static List<Outline> outlines(MainWindow window) {
        return java.util.stream.Stream.concat(window.slidePanel().queryOutlines().outlines().stream(),
                window.slidePanel().hitOutlines().outlines().stream()).toList();
    }

    private static boolean showing(SlideViewer viewer, String name) {
        return viewer.getImage() != null && viewer.getImage().name().equals(name);
    }

    private static Point2D screenPoint(SlideViewer viewer, double imageX, double imageY) {
        Viewport view = viewer.getViewport();
        return viewer.localToScreen(view.toScreenX(imageX), view.toScreenY(imageY));
    }
}
