package io.histoseek.app.gui;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.TestArchive;
import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.search.HitCard;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.viewer.overlay.HeatMapOverlay;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatScale;
import io.histoseek.index.heatmap.HeatTile;
import io.histoseek.index.search.Example;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TilePosition;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refine by example and heat maps in the real window: the heat-map overlay at the tile grid with
 * its legend, threshold and "next hot region"; the query's examples as chips (add from a hit's
 * card and by ctrl-click, remove, undo, clear all).
 */
@ExtendWith(ApplicationExtension.class)
class RefineWindowTest {
    static final Path SLIDE = SharedTestData.slides().resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif");

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
    void heatMapOverlayFollowsTheGridTheThresholdAndTheView(FxRobot robot) throws Exception {
        MainWindow window = app.window();
        SlideViewer viewer = window.slidePanel().viewer();
        robot.interact(() -> window.slidePanel().open(SLIDE));
        GuiTestSupport.waitUntil("the slide", 20, () -> window.slidePanel().slideLayer().thumbnailProperty().get() != null);
        List<TilePosition> tiles;
        try (OpenSlideImage image = OpenSlideImage.open(SLIDE)) {
            tiles = TileGrid.plan(image, image.scale()).tiles();
        }
        // similarity falls with the distance from one tile: one hot spot, the far tiles cold
        TilePosition hot = tiles.get(tiles.size() / 3);
        HeatMap map = HeatMap.of(tiles.stream().map(t -> new HeatTile(t.x(), t.y(), t.size(),
                (float) (1 - Math.hypot(t.x() - hot.x(), t.y() - hot.y()) / 2500))).toList());
        TilePosition cold = tiles.stream().min((a, b) -> Float.compare(similarity(map, a), similarity(map, b))).orElseThrow();
        HeatMapOverlay overlay = window.heatMap();
        Node controls = robot.lookup("#heatMapControls").query();
        assertFalse(controls.isVisible(), "no map: no legend");

        robot.interact(() -> overlay.show(SLIDE, map));
        assertTrue(controls.isVisible());
        assertEquals(HeatScale.initialThreshold(map), overlay.thresholdProperty().get(), 1e-6);
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", map.max()), robot.lookup("#heatHigh").queryAs(Label.class).getText());
        Thread.sleep(700);
        // Fitted: the hot tile is coloured, the cold one (below the threshold) is not.
        int hotColour = pixelAt(robot, viewer, hot);
        int coldColour = pixelAt(robot, viewer, cold);
        robot.interact(() -> overlay.visibleProperty().set(false));
        int hotBare = pixelAt(robot, viewer, hot);
        int coldBare = pixelAt(robot, viewer, cold);
        robot.interact(() -> overlay.visibleProperty().set(true));
        assertEquals(coldBare, coldColour, "below the threshold: transparent");
        assertColour(blend(HeatScale.argb(map, similarity(map, hot)), hotBare), hotColour, "hot tile at the top of the scale");
        GuiTestSupport.screenshot(stage.getScene(), "gui-heatmap");

        // The threshold slider: at its lowest every tile shows (the cold one too), text says how many.
        Slider slider = robot.lookup("#heatThreshold").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(slider.getMin()));
        assertEquals(map.min(), overlay.thresholdProperty().get(), 1e-6, "the slider is the overlay's threshold");
        assertNotEquals(coldBare, pixelAt(robot, viewer, cold), "at the lowest threshold the coldest tile shows");
        assertTrue(robot.lookup("#heatThresholdText").queryAs(Label.class).getText()
                .startsWith(String.format(java.util.Locale.ROOT, "showing %,d of %,d", tiles.size(), tiles.size())));
        robot.interact(() -> slider.setValue(slider.getMax()));
        TilePosition next = tiles.get(tiles.size() / 3 + 1);
        assertEquals(pixelAtBare(robot, viewer, overlay, next), pixelAt(robot, viewer, next), "at the highest only the peak shows");
        assertNotEquals(hotBare, pixelAt(robot, viewer, hot), "the peak itself is at the highest threshold");
        robot.interact(() -> slider.setValue(HeatScale.initialThreshold(map)));

        // Zoomed far out (tiles under 6 screen pixels): the grid is one picture, one pixel per tile, unsmoothed.
        robot.interact(() -> viewer.zoom(1e-3));
        assertTrue(hot.size() / viewer.getViewport().downsample() < 6, "zoomed out: " + viewer.getViewport());
        assertColour(blend(HeatScale.argb(map, similarity(map, hot)), pixelAtBare(robot, viewer, overlay, hot)),
                pixelAt(robot, viewer, hot), "zoomed out, the hot tile's cell");
        assertEquals(pixelAtBare(robot, viewer, overlay, cold), pixelAt(robot, viewer, cold), "zoomed out, the cold cell is clear");

        // Next hot region: the hottest group first; the view centres on its box.
        robot.clickOn("#nextHotRegion");
        var first = map.hotRegions(overlay.thresholdProperty().get()).getFirst();
        assertTrue(first.tiles().stream().anyMatch(t -> t.x() == hot.x() && t.y() == hot.y()), "the hottest group holds the hot tile");
        assertEquals(first.x() + first.width() / 2.0, viewer.getViewport().centreX(), 1.0);
        assertEquals(first.y() + first.height() / 2.0, viewer.getViewport().centreY(), 1.0);
        assertTrue(robot.lookup("#heatRegionLine").queryAs(Label.class).getText().startsWith("1 of "));

        // Zoomed in: tiles are filled one by one at their exact places, and follow a pan.
        robot.interact(() -> viewer.centreOn(new ImageRegion(hot.x(), hot.y(), hot.size(), hot.size())));
        assertTrue(hot.size() / viewer.getViewport().downsample() > 50, "zoomed in: " + viewer.getViewport());
        assertColour(blend(HeatScale.argb(map, similarity(map, hot)), pixelAtBare(robot, viewer, overlay, hot)),
                pixelAt(robot, viewer, hot), "zoomed in, the hot tile is filled");
        robot.interact(() -> viewer.pan(-120, -80));
        assertColour(blend(HeatScale.argb(map, similarity(map, hot)), pixelAtBare(robot, viewer, overlay, hot)),
                pixelAt(robot, viewer, hot), "after a pan the colour moved with the tile");

        // Another slide: the map stays with its own slide.
        robot.interact(() -> window.slidePanel().open(SharedTestData.slides().resolve("CMU-1-Small-Region.svs")));
        GuiTestSupport.waitUntil("the other slide", 20, () -> viewer.getImage().name().equals("CMU-1-Small-Region.svs"));
        assertFalse(controls.isVisible(), "the legend hides on a slide without a map");
    }

    @Test
    void refineByExampleAndHeatMapsOnARealArchive(FxRobot robot) throws Exception {
        TestArchive data = TestArchive.indexed();
        MainWindow window = app.window();
        SlideViewer viewer = window.slidePanel().viewer();
        robot.interact(() -> window.archives().open(data.archive));
        GuiTestSupport.waitUntil("the archive", 60, () -> window.model().archiveProperty().get() != null);
        Path agent = data.slide(TestArchive.AGENT);
        robot.interact(() -> window.slidePanel().open(agent));
        GuiTestSupport.waitUntil("the slide", 20, () -> viewer.getImage() != null && viewer.getImage().name().equals(TestArchive.AGENT));
        robot.clickOn(screenPoint(viewer, 1100, 1500));
        GuiTestSupport.waitUntil("search results", 60, () -> !window.searchPanel().gallery().hits().isEmpty());
        assertEquals(1, chips(window).size(), "the click is the query's one positive");

        // The heat map of the query's slide: every stored tile, the query's own tile the hottest.
        HeatMapOverlay overlay = window.heatMap();
        robot.clickOn("#heatMapToggle");
        GuiTestSupport.waitUntil("the heat map", 30, () -> overlay.shownProperty().get() != null,
                () -> window.model().statusProperty().get());
        HeatMap map = overlay.shownProperty().get().map();
        assertEquals(agent, overlay.shownProperty().get().slide());
        assertEquals(51, map.tiles().size());
        assertEquals(898, map.hottest().x());
        assertEquals(1347, map.hottest().y());
        assertEquals(1.0f, map.hottest().similarity(), 1e-5f);
        assertTrue(robot.lookup("#heatMapControls").query().isVisible());
        Thread.sleep(800);
        GuiTestSupport.screenshot(stage.getScene(), "gui-heatmap-archive");

        // More like the second hit, not like the fifth: the search runs again at once, refined.
        ResultGallery plain = window.model().resultProperty().get();
        HitCard second = robot.lookup(".hit-card").queryAllAs(HitCard.class).stream().toList().get(1);
        robot.clickOn(second.lookup("#moreLikeThis"));
        GuiTestSupport.waitUntil("the result with two positives", 30, () -> window.model().resultProperty().get() != plain
                && window.searchPanel().gallery().hits().equals(window.model().resultProperty().get().hits()));
        ResultGallery twoPositives = window.model().resultProperty().get();
        // ranks 1-3 are the query's tissue in its three copies; reject the next tissue, at rank 5
        HitCard third = robot.lookup(".hit-card").queryAllAs(HitCard.class).stream().toList().get(4);
        robot.clickOn(third.lookup("#notLikeThis"));
        List<Example> examples = window.model().queryProperty().get().examples();
        assertEquals(3, examples.size());
        assertEquals(Example.point(second.hit().slide(), second.hit().x() + second.hit().width() / 2,
                second.hit().y() + second.hit().height() / 2, true), examples.get(1));
        assertFalse(examples.get(2).positive(), "not like this: a negative");
        GuiTestSupport.waitUntil("the refined result", 30, () -> window.model().resultProperty().get() != twoPositives,
                () -> window.model().statusProperty().get());
        int demoted = window.model().resultProperty().get().hits().stream().filter(h -> same(h, third.hit()))
                .mapToInt(GalleryTile::rank).findFirst().orElse(Integer.MAX_VALUE);
        assertTrue(demoted > third.hit().rank(), "the rejected tile moves down from rank " + third.hit().rank() + " to " + demoted);
        System.out.printf("gui: the tile rejected with 'not like this' went from rank %d to %s%n", third.hit().rank(),
                demoted == Integer.MAX_VALUE ? "below the 24 shown" : demoted);
        GuiTestSupport.waitUntil("the refined heat map", 30, () -> overlay.shownProperty().get().map() != map);
        assertEquals(List.of(true, true, false), chips(window).stream().map(c -> c.getStyleClass().contains("positive")).toList());
        GuiTestSupport.waitUntil("chip pictures", 20, () -> chips(window).stream()
                .allMatch(c -> ((javafx.scene.image.ImageView) c.getChildrenUnmodifiable().getFirst()).getImage() != null));
        assertEquals(third.hit().slideName(), ((Label) chips(window).get(2).getChildrenUnmodifiable().get(2)).getText());
        Thread.sleep(800);
        GuiTestSupport.screenshot(stage.getScene(), "gui-example-chips");

        // Remove with one click; undo brings it back; clear all empties the query, gallery and map; undo again.
        robot.clickOn(chips(window).get(1).lookup(".example-remove"));
        assertEquals(2, chips(window).size());
        assertFalse(window.model().queryProperty().get().examples().contains(examples.get(1)));
        robot.clickOn("#undoExample");
        assertEquals(examples, window.model().queryProperty().get().examples());
        robot.clickOn("#clearExamples");
        assertTrue(chips(window).isEmpty());
        assertTrue(window.searchPanel().gallery().hits().isEmpty(), "no query, no hits");
        assertTrue(window.slidePanel().queryOutlines().outlines().isEmpty(), "no query outline");
        assertTrue(overlay.shownProperty().get() == null, "no query, no heat map");
        robot.clickOn("#undoExample");
        assertEquals(examples, window.model().queryProperty().get().examples());
        GuiTestSupport.waitUntil("results again", 30, () -> !window.searchPanel().gallery().hits().isEmpty());

        // Ctrl-click on the slide adds a positive where it was clicked.
        robot.press(KeyCode.CONTROL).clickOn(screenPoint(viewer, 1250, 2350)).release(KeyCode.CONTROL);
        Example added = window.model().queryProperty().get().examples().getLast();
        assertTrue(added.positive() && added.isPoint() && added.slide().equals(agent), added.toString());
        assertEquals(1250, added.x(), 8);
        assertEquals(2350, added.y(), 8);
        assertEquals(4, chips(window).size());

        // A hit on another slide: its slide opens and gets its own heat map; "next hot region" jumps on it.
        GuiTestSupport.waitUntil("results of the four examples", 30, () -> window.searchPanel().gallery().hits().stream()
                .anyMatch(h -> !h.slide().equals(agent)));
        HitCard elsewhere = robot.lookup(".hit-card").queryAllAs(HitCard.class).stream()
                .filter(c -> !c.hit().slide().equals(agent)).findFirst().orElseThrow();
        robot.doubleClickOn(elsewhere);
        GuiTestSupport.waitUntil("the hit's heat map", 30, () -> overlay.shownProperty().get() != null
                && overlay.shownProperty().get().slide().equals(elsewhere.hit().slide()),
                () -> "(status: " + window.model().statusProperty().get() + ", shown: " + overlay.shownProperty().get()
                        + ", viewer: " + viewer.getImage().file() + ", hit: " + elsewhere.hit().slide() + ")");
        Viewport before = viewer.getViewport();
        robot.clickOn("#nextHotRegion");
        assertNotEquals(before, viewer.getViewport(), "the view moved to the hottest region");
        assertTrue(robot.lookup("#heatRegionLine").queryAs(Label.class).getText().startsWith("1 of "));

        // A slide outside the archive: its tissue tiles are embedded on demand (progress, then hidden), then scored.
        Path outside = SharedTestData.slides().resolve("constructed/CMU-1-Small-Region-mirax.mrxs");
        List<TilePosition> outsideTiles;
        try (OpenSlideImage image = OpenSlideImage.open(outside)) {
            outsideTiles = TileGrid.plan(image, image.scale()).tiles();
        }
        robot.interact(() -> window.slidePanel().open(outside));
        GuiTestSupport.waitUntil("the outside slide's heat map", 120, () -> overlay.shownProperty().get() != null
                && overlay.shownProperty().get().slide().getFileName().toString().endsWith(".mrxs"),
                () -> window.model().statusProperty().get());
        HeatMap embedded = overlay.shownProperty().get().map();
        assertEquals(outsideTiles.size(), embedded.tiles().size(), "every tissue tile, embedded on demand");
        assertTrue(embedded.min() >= -1 && embedded.max() <= 1);
        assertFalse(robot.lookup("#heatMapProgress").query().isVisible(), "the progress hides when done");
        assertTrue(window.model().statusProperty().get().startsWith("Heat map of CMU-1-Small-Region-mirax.mrxs: "),
                window.model().statusProperty().get());
    }

    private static boolean same(GalleryTile a, GalleryTile b) {
        return a.slide().equals(b.slide()) && a.x() == b.x() && a.y() == b.y();
    }

    private static List<javafx.scene.Parent> chips(MainWindow window) {
        return window.exampleChips().chips().getChildren().stream().map(c -> (javafx.scene.Parent) c).toList();
    }

    private static float similarity(HeatMap map, TilePosition tile) {
        return map.tiles().stream().filter(t -> t.x() == tile.x() && t.y() == tile.y()).findFirst().orElseThrow().similarity();
    }

    private static Point2D screenPoint(SlideViewer viewer, double imageX, double imageY) {
        Viewport view = viewer.getViewport();
        return viewer.localToScreen(view.toScreenX(imageX), view.toScreenY(imageY));
    }

    /** The viewer's pixel at the centre of {@code tile}. */
    private static int pixelAt(FxRobot robot, SlideViewer viewer, TilePosition tile) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> viewer.snapshot(null, null)));
        Viewport view = viewer.getViewport();
        return image.getPixelReader().getArgb((int) view.toScreenX(tile.x() + tile.size() / 2.0),
                (int) view.toScreenY(tile.y() + tile.size() / 2.0)) & 0xffffff;
    }

    private static int pixelAtBare(FxRobot robot, SlideViewer viewer, HeatMapOverlay overlay, TilePosition tile) {
        robot.interact(() -> overlay.visibleProperty().set(false));
        int bare = pixelAt(robot, viewer, tile);
        robot.interact(() -> overlay.visibleProperty().set(true));
        return bare;
    }

    private static int blend(int top, int under) {
        double a = HeatScale.OPACITY;
        int r = (int) Math.round((top >> 16 & 255) * a + (under >> 16 & 255) * (1 - a));
        int g = (int) Math.round((top >> 8 & 255) * a + (under >> 8 & 255) * (1 - a));
        int b = (int) Math.round((top & 255) * a + (under & 255) * (1 - a));
        return r << 16 | g << 8 | b;
    }

    private static void assertColour(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertEquals(expected >> shift & 255, actual >> shift & 255, 4.0,
                    what + String.format(": %06x vs %06x", expected & 0xffffff, actual & 0xffffff));
        }
    }
}
