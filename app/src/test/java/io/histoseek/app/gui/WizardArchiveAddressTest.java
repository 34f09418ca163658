package io.histoseek.app.gui;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.wizard.IndexWizard;
import javafx.scene.Node;
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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wizard's archive field takes a SolrCloud address: a typo or a cluster nobody answers at is
 * told in one line naming the address, on the first page, and no run starts.
 */
@ExtendWith(ApplicationExtension.class)
class WizardArchiveAddressTest {
    private HistoseekApp app;
    private Path slides;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path config = Files.createTempDirectory("histoseek-gui-config").resolve("histoseek.properties");
        app = (HistoseekApp) FxToolkit.setupApplication(() -> new HistoseekApp(new GuiPreferences(config)));
        slides = Files.createTempDirectory("histoseek-wizard-slides");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        app.window().wizard().ifPresent(w -> WaitForAsyncUtils.waitForAsyncFx(5000, w.stage()::close));
    }

    @Test
    void aTypoInTheAddressIsOneLineAndNothingRuns(FxRobot robot) {
        IndexWizard wizard = openWizard(robot);
        Node clusterLayout = robot.lookup("#wizardClusterLayout").query();
        fill(robot, slides.resolve("archive").toString());
        assertFalse(clusterLayout.isVisible(), "a folder has no shards or replicas");
        for (String typo : new String[] {"solr:/x", "http://127.0.0.1:1/solr/"}) {
            fill(robot, typo);
            assertTrue(clusterLayout.isVisible(), "an address can set the new collection's shards and replicas");
            robot.clickOn("#wizardNext");
            Label problem = robot.lookup("#wizardProblem").queryAs(Label.class);
            GuiTestSupport.waitUntil("the typo told", 10, () -> problem.getText().startsWith("archive address '" + typo + "' is not valid: "),
                    problem::getText);
            assertEquals(1, problem.getText().lines().count(), problem.getText());
            assertStillOnTheFirstPage(robot, wizard);
        }
    }

    @Test
    void anAddressNobodyAnswersAtIsOneLineNamingItAndNothingRuns(FxRobot robot) throws IOException {
        IndexWizard wizard = openWizard(robot);
        int port = closedPort();
        String zooKeeper = "solr://127.0.0.1:" + port + "/histoseek";
        fill(robot, zooKeeper);
        robot.clickOn("#wizardNext");
        Label problem = robot.lookup("#wizardProblem").queryAs(Label.class);
        Button next = robot.lookup("#wizardNext").queryAs(Button.class);
        assertTrue(next.isDisabled(), "Next waits for the cluster's answer: " + problem.getText());
        GuiTestSupport.waitUntil("the unreachable ZooKeeper told", 60,
                () -> problem.getText().startsWith("cannot reach ZooKeeper 127.0.0.1:" + port + " of " + zooKeeper + " within "), problem::getText);
        assertEquals(1, problem.getText().lines().count(), problem.getText());
        assertFalse(next.isDisabled(), "a corrected address can be tried again");
        assertStillOnTheFirstPage(robot, wizard);

        String node = "http://127.0.0.1:" + port + "/solr/histoseek";
        fill(robot, node);
        robot.clickOn("#wizardNext");
        GuiTestSupport.waitUntil("the unreachable node told", 60,
                () -> problem.getText().startsWith("cannot reach Solr at http://127.0.0.1:" + port + "/solr of " + node + ": "), problem::getText);
        assertEquals(1, problem.getText().lines().count(), problem.getText());
        assertStillOnTheFirstPage(robot, wizard);
    }

    private IndexWizard openWizard(FxRobot robot) {
        robot.interact(() -> app.window().openWizard());
        return app.window().wizard().orElseThrow();
    }

    private void fill(FxRobot robot, String archive) {
        robot.interact(() -> {
            robot.lookup("#wizardFolderField").queryAs(TextField.class).setText(slides.toString());
            robot.lookup("#wizardArchiveField").queryAs(TextField.class).setText(archive);
            robot.lookup("#wizardCheckpointField").queryAs(TextField.class).setText(SharedTestData.tinyCheckpoint().toString());
        });
    }

    private static void assertStillOnTheFirstPage(FxRobot robot, IndexWizard wizard) {
        assertTrue(robot.lookup("#wizardStep").queryAs(Label.class).getText().contains("[1 Folders]"),
                robot.lookup("#wizardStep").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#wizardPreviewSummary").tryQuery().isEmpty(), "no preview started");
        assertFalse(wizard.running(), "no run started");
    }

    /** A port that was free a moment ago: nothing answers there. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
