package io.histoseek.app.gui;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.histoseek.cluster.LocalSolrCluster;
import io.histoseek.app.SharedTestData;
import io.histoseek.app.TestArchive;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.viewer.SlideViewer;
import io.histoseek.app.gui.viewer.Viewport;
import io.histoseek.app.gui.wizard.IndexWizard;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wizard indexes two real slides with the tiny model into a collection on a real one-node
 * SolrCloud (started with cluster/solr-local.sh), then the main window opens that address and
 * searches it: the tiles live in the cluster.
 */
@ExtendWith(ApplicationExtension.class)
class WizardSolrCloudTest {
    private static final Pattern STORED = Pattern.compile("([\\d,]+) tiles stored");
    private static LocalSolrCluster cloud;

    private HistoseekApp app;
    private Path config;

    @BeforeAll
    static void startCluster() {
        cloud = LocalSolrCluster.start("wizard", 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        config = Files.createTempDirectory("histoseek-gui-config").resolve("histoseek.properties");
        app = (HistoseekApp) FxToolkit.setupApplication(() -> new HistoseekApp(new GuiPreferences(config)));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        app.window().wizard().ifPresent(w -> WaitForAsyncUtils.waitForAsyncFx(5000, w.stage()::close));
    }

    @Test
    void indexesTwoSlidesIntoSolrCloudAndTheMainWindowSearchesThem(FxRobot robot) throws Exception {
        Path slides = Files.createTempDirectory("histoseek-wizard-solr").resolve("slides");
        Files.createDirectories(slides);
        Files.copy(SharedTestData.slides().resolve(TestArchive.AGENT), slides.resolve(TestArchive.AGENT));
        Files.copy(SharedTestData.slides().resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif"), slides.resolve("tiled.tif"));
        String address = "solr://" + cloud.zkHost() + "/wizardtest";
        MainWindow window = app.window();

        robot.interact(window::openWizard);
        IndexWizard wizard = window.wizard().orElseThrow();
        robot.interact(() -> {
            robot.lookup("#wizardFolderField").queryAs(TextField.class).setText(slides.toString());
            robot.lookup("#wizardArchiveField").queryAs(TextField.class).setText(address);
            robot.lookup("#wizardCheckpointField").queryAs(TextField.class).setText(SharedTestData.tinyCheckpoint().toString());
            // One node: the collection cannot have the default 2 x 2 (and the layout must reach Solr).
            robot.lookup("#wizardShards").queryAs(Spinner.class).getValueFactory().setValue(1);
            robot.lookup("#wizardReplicas").queryAs(Spinner.class).getValueFactory().setValue(1);
        });
        robot.clickOn("#wizardNext");
        GuiTestSupport.waitUntil("the checked address, then the preview", 60,
                () -> robot.lookup("#wizardPreviewSummary").tryQuery().isPresent(),
                () -> robot.lookup("#wizardProblem").queryAs(Label.class).getText());
        Label summary = robot.lookup("#wizardPreviewSummary").queryAs(Label.class);
        GuiTestSupport.waitUntil("the preview", 60, () -> summary.getText().startsWith("2 slides"), summary::getText);
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardNext");
        Label outcome = robot.lookup("#indexOutcome").queryAs(Label.class);
        GuiTestSupport.waitUntil("the run into the cluster", 240, () -> outcome.getText().startsWith("Done"), outcome::getText);
        assertTrue(outcome.getText().startsWith("Done: 2 slides found, 2 embedded"), outcome.getText());
        long stored = stored(outcome.getText());
        assertTrue(stored > 50, outcome.getText());
        assertEquals(List.of(1), replicasPerShard("wizardtest"), "1 shard of 1 replica, as set in the wizard");
        robot.clickOn("#wizardNext");

        GuiTestSupport.waitUntil("the main window on the cluster's archive", 60, () -> {
            ArchiveSession open = window.model().archiveProperty().get();
            return open != null && open.address().toString().equals(address) && open.searchable();
        }, () -> window.model().statusProperty().get());
        GuiTestSupport.waitUntil("the archive list", 30, () -> window.archiveBrowser().list().getItems().size() == 2);
        Label counts = robot.lookup("#archiveSummary").queryAs(Label.class);
        GuiTestSupport.waitUntil("the tile count", 30, () -> counts.getText().endsWith(String.format("%,d tiles", stored)), counts::getText);
        assertEquals(address, new GuiPreferences(config).get(GuiPreferences.ARCHIVE).orElseThrow(), "the address is remembered for the next start");

        SlideViewer viewer = window.slidePanel().viewer();
        robot.interact(() -> window.slidePanel().open(slides.resolve(TestArchive.AGENT)));
        GuiTestSupport.waitUntil("the slide", 20, () -> viewer.getImage() != null && viewer.getImage().name().equals(TestArchive.AGENT));
        robot.clickOn(screenPoint(viewer, 1100, 1500));
        GuiTestSupport.waitUntil("hits from the cluster", 60, () -> window.searchPanel().gallery().hits().size() == 24,
                () -> window.model().statusProperty().get());
        assertTrue(window.searchPanel().gallery().hits().stream().anyMatch(hit -> hit.slideName().equals("tiled.tif")),
                "the other slide's copy of the tissue is found");
    }

    /** How many replicas each shard of the collection has, as the cluster tells. */
    private static List<Integer> replicasPerShard(String collection) throws Exception {
        URI uri = URI.create(cloud.nodeUrl(1) + "/admin/collections?action=CLUSTERSTATUS&wt=json&collection=" + collection);
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonObject shards = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("cluster")
                    .getAsJsonObject("collections").getAsJsonObject(collection).getAsJsonObject("shards");
            return shards.entrySet().stream()
                    .map(shard -> shard.getValue().getAsJsonObject().getAsJsonObject("replicas").size()).toList();
        }
    }

    private static long stored(String outcome) {
        Matcher matcher = STORED.matcher(outcome);
        assertTrue(matcher.find(), outcome);
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    private static Point2D screenPoint(SlideViewer viewer, double imageX, double imageY) {
        Viewport view = viewer.getViewport();
        return viewer.localToScreen(view.toScreenX(imageX), view.toScreenY(imageY));
    }
}
