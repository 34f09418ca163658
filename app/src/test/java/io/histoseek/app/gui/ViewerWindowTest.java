package io.histoseek.app.gui;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.viewer.overlay.TileGridOverlay;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TilePosition;
import io.histoseek.index.pipeline.IndexingJob;
import io.histoseek.index.pipeline.IndexingListener;
import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.pipeline.TilingOptions;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Precision;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real main window: open a slide, zoom with the wheel, pan by dragging and with keys, fit. */
@ExtendWith(ApplicationExtension.class)
class ViewerWindowTest {
    private HistoseekApp app;
    private Stage stage;

    @BeforeEach
    void start() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        Path config = Files.createTempDirectory("histoseek-gui-config");
        app = (HistoseekApp) FxToolkit.setupApplication(() -> new HistoseekApp(new GuiPreferences(config.resolve("gui.properties"))));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void aScaleEstimatedFromTheObjectiveSaysSo(FxRobot robot) throws Exception {
        Path slide = SharedTestData.path("data/slides-no-mpp/CMU-1-Small-Region_appmag20-no-mpp.svs");
        robot.interact(() -> app.window().slidePanel().open(slide));
        javafx.scene.control.Label label = robot.lookup("#slideLabel").queryAs(javafx.scene.control.Label.class);
        GuiTestSupport.waitUntil("the slide's label", 20, () -> label.getText().contains("\u00b5m/px"));
        assertTrue(label.getText().endsWith("   0.500 \u00b5m/px (estimated from the objective)"), label.getText());
    }

    /** A slide of the open archive shows the scale the archive recorded for it: here the user's --mpp, not the file's estimate. */
    @Test
    void aSlideOfTheArchiveShowsTheRecordedScale(FxRobot robot) throws Exception {
        Path folder = Files.createTempDirectory("histoseek-mpp-source");
        Path slides = Files.createDirectories(folder.resolve("slides"));
        Path slide = Files.copy(SharedTestData.path("data/slides-no-mpp/CMU-1-Small-Region_appmag20-no-mpp.svs"),
                slides.resolve("appmag20.svs"));
        IndexingRequest request = new IndexingRequest(List.of(slides), folder.resolve("archive"), SharedTestData.tinyCheckpoint(),
                new EncoderOptions(Device.CPU, Precision.FP32, 16, OptionalInt.of(3)), 2, new TilingOptions(null, 0.25));
        assertEquals(1, IndexingJob.start(request, IndexingListener.NONE).await().embedded());
        robot.interact(() -> app.window().archives().open(folder.resolve("archive")));
        GuiTestSupport.waitUntil("the archive", 30, () -> app.window().model().archiveProperty().get() != null);
        robot.interact(() -> app.window().slidePanel().open(slide));
        javafx.scene.control.Label label = robot.lookup("#slideLabel").queryAs(javafx.scene.control.Label.class);
        GuiTestSupport.waitUntil("the slide's label", 20, () -> label.getText().contains("\u00b5m/px"));
        assertTrue(label.getText().endsWith("   0.250 \u00b5m/px"), label.getText());
    }

    @Test
    void opensZoomsAndPansASlide(FxRobot robot) throws Exception {
        Path slide = SharedTestData.slides().resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif");
        javafx.scene.Node placeholder = robot.lookup(".viewer-placeholder").query();
        assertTrue(placeholder.isVisible(), "an empty viewer says how to open a slide");
        GuiTestSupport.screenshot(stage.getScene(), "viewer-empty");
        robot.interact(() -> app.window().slidePanel().open(slide));
        SlideViewer viewer = app.window().slidePanel().viewer();
        assertTrue(stage.getTitle().contains("Histoseek"));
        GuiTestSupport.waitUntil("thumbnail", 20, () -> app.window().slidePanel().slideLayer().thumbnailProperty().get() != null);
        Viewport fitted = viewer.getViewport();
        assertTrue(fitted.downsample() > 1, "a 2220x2967 slide is fitted zoomed out: " + fitted);
        Thread.sleep(1500);
        GuiTestSupport.screenshot(stage.getScene(), "viewer-fitted");
        assertTrue(GuiTestSupport.tissuePixels(viewer) > 2000, "the viewer shows the slide's pixels");
        assertFalse(placeholder.isVisible());

        robot.moveTo(viewer).scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        Viewport zoomed = viewer.getViewport();
        assertTrue(zoomed.downsample() < fitted.downsample(), "wheel zooms in: " + fitted + " -> " + zoomed);

        robot.drag(viewer, MouseButton.PRIMARY).moveBy(-150, -100).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Viewport panned = viewer.getViewport();
        assertTrue(panned.centreX() > zoomed.centreX() && panned.centreY() > zoomed.centreY(),
                "dragging up-left moves the view right and down: " + zoomed + " -> " + panned);

        robot.clickOn(viewer, MouseButton.SECONDARY).type(KeyCode.RIGHT);
        assertTrue(viewer.getViewport().centreX() > panned.centreX(), "the right arrow pans right");
        Thread.sleep(1500);
        GuiTestSupport.screenshot(stage.getScene(), "viewer-zoomed");
        robot.type(KeyCode.MINUS);
        assertTrue(viewer.getViewport().downsample() > panned.downsample(), "minus zooms out");
        javafx.scene.Node overview = robot.lookup("#overview").query();
        javafx.geometry.Bounds box = overview.localToScreen(overview.getBoundsInLocal());
        robot.clickOn(box.getMinX() + box.getWidth() / 2, box.getMinY() + box.getHeight() * 0.9);
        assertTrue(viewer.getViewport().centreY() > 2967 * 0.8, "a click low on the overview jumps there: " + viewer.getViewport());
        robot.type(KeyCode.F);
        assertEquals(fitted.downsample(), viewer.getViewport().downsample(), 1e-9, "F fits the slide again");

        // The tile grid layer draws exactly the tiles indexing cuts from this slide.
        TileGridOverlay grid = app.window().slidePanel().tileGrid();
        assertTrue(grid.tiles().isEmpty(), "hidden and not planned until switched on");
        List<TilePosition> expected;
        try (OpenSlideImage image = OpenSlideImage.open(slide)) {
            expected = TileGrid.plan(image, image.scale()).tiles();
        }
        robot.clickOn("#tileGridToggle");
        GuiTestSupport.waitUntil("the tile grid", 20, () -> !grid.tiles().isEmpty());
        assertEquals(expected, grid.tiles());
        Thread.sleep(500);
        GuiTestSupport.screenshot(stage.getScene(), "viewer-tile-grid");
    }
}
