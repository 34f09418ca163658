package io.histoseek.app.gui;

import io.histoseek.app.TestArchive;
import io.histoseek.app.cli.HistoseekCommand;
import io.histoseek.app.gui.cases.SimilarSlidesWindow;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.app.gui.model.Query;
import io.histoseek.app.gui.search.HitCard;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.WriterOptions;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Labels in the window: the archive browser and each result card name the slide's label, the
 * vote of the labeled hits shows above the results exactly as `classify` prints it (and abstains
 * above its agreement), the search can be limited to a label, and "find similar slides" lists
 * other cases only. On a labeled copy of the tiny-model test archive.
 */
@ExtendWith(ApplicationExtension.class)
class CasesWindowTest {
    /**
     * The Aperio slide, its 0.5 um/px TIFF copy and its 0.25 um/px copy hold the same tissue; as
     * three cases with two labels they make a split vote. The TCGA slide (no mpp) is not indexed.
     */
    static final Map<String, String[]> LABELS = Map.of(
            TestArchive.AGENT, new String[] {"tumour", "P1"},
            TestArchive.HOSTILE_NAME, new String[] {"tumour", "P2"},
            TestArchive.QUARTER, new String[] {"stroma", "P3"},
            "tcga-cr-7395-01a-01-ts1.svs", new String[] {"normal", "P4"});

    private HistoseekApp app;
    private Stage stage;
    private Path archive;
    private TestArchive data;

    @BeforeEach
    void start() throws Exception {
        data = TestArchive.indexed();
        archive = copy(data.archive, Files.createTempDirectory("histoseek-cases").resolve("archive"));
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("test"))) {
            List<SlideLabel> labels = new ArrayList<>();
            for (SlideRecord slide : writer.slides()) {
                String[] label = LABELS.get(Path.of(slide.path()).getFileName().toString());
                if (label != null) labels.add(new SlideLabel(slide.id(), label[0], label[1]));
            }
            writer.putLabels(labels);
        }
        stage = FxToolkit.registerPrimaryStage();
        Path config = Files.createTempDirectory("histoseek-gui-config").resolve("histoseek.properties");
        app = (HistoseekApp) FxToolkit.setupApplication(() -> new HistoseekApp(new GuiPreferences(config)));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else if (!file.getFileName().toString().equals("writer.lock")) Files.copy(file, target);
            }
        }
        return to;
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        WaitForAsyncUtils.waitForFxEvents();
        for (javafx.stage.Window window : List.copyOf(javafx.stage.Window.getWindows())) {
            if (window != stage && window instanceof Stage other) WaitForAsyncUtils.waitForAsyncFx(5000, other::close);
        }
    }

    private static List<String> classify(Path archive, Path slide, int k) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "classify", "--archive", archive.toString(),
                "--slide", slide.toString(), "--x", "1100", "--y", "1500", "-k", String.valueOf(k));
        assertEquals(0, exit, err.toString());
        return out.toString().lines().toList();
    }

    @Test
    void labelsVoteFilterAndSimilarSlides(FxRobot robot) throws Exception {
        MainWindow window = app.window();
        robot.interact(() -> window.archives().open(archive));
        GuiTestSupport.waitUntil("the archive", 60, () -> window.model().archiveProperty().get() != null
                && !window.model().labelsProperty().get().isEmpty());

        // 1. The archive browser names each labeled slide's label and case.
        GuiTestSupport.waitUntil("labeled rows", 30, () -> robot.lookup("#archiveList .slide-label").queryAll().size() == 4);
        List<String> rowLabels = robot.lookup("#archiveList .slide-label").queryAll().stream().map(n -> ((Label) n).getText()).sorted().toList();
        assertEquals(List.of("normal \u00b7 case P4", "stroma \u00b7 case P3", "tumour \u00b7 case P1", "tumour \u00b7 case P2"), rowLabels);

        // 2. A search: every card names its slide's label; the vote is the one `classify` prints.
        Path agent = data.slide(TestArchive.AGENT);
        robot.interact(() -> window.slidePanel().open(agent));
        GuiTestSupport.waitUntil("the slide", 20, () -> window.slidePanel().viewer().getImage() != null);
        robot.interact(() -> window.model().search(Query.of(agent, ImageRegion.point(1100, 1500))));
        GuiTestSupport.waitUntil("results", 60, () -> window.searchPanel().gallery().hits().size() == 24);
        for (Node card : robot.lookup(".hit-card").queryAll()) {
            HitCard hit = (HitCard) card;
            String expected = LABELS.get(hit.hit().slideName())[0];
            assertEquals(expected, ((Label) hit.lookup(".slide-label")).getText(), hit.hit().slideName());
        }
        Label summary = robot.lookup("#voteSummary").queryAs(Label.class);
        GuiTestSupport.waitUntil("the vote", 30, () -> summary.getText().startsWith("Vote:"));
        List<String> cli = classify(archive, agent, 24);
        String winner = cli.get(0).substring("label: ".length());
        double agreement = Double.parseDouble(cli.get(1).substring("agreement: ".length()));
        // The window's minimum agreement starts at 0.6; the command line's at 0 (always answer).
        String answer = String.format(Locale.ROOT, "Vote: %s \u2014 %d%% of the top 24 labeled hits agree", winner, Math.round(agreement * 100));
        String abstention = String.format(Locale.ROOT, "Vote: abstains \u2014 %s has %d%% of 24 labeled hits, below 60%%", winner,
                Math.round(agreement * 100));
        assertEquals(agreement < 0.6 ? abstention : answer, summary.getText(), "the window and the command line count the same votes: " + cli);
        String[] sides = cli.get(2).substring("votes: ".length()).split(",");
        assertEquals(sides.length, robot.lookup(".vote-row").queryAll().size());
        for (String side : sides) {
            String[] nameAndCount = side.split("=");
            Label count = (Label) ((javafx.scene.layout.HBox) robot.lookup("#voteRow-" + nameAndCount[0]).query()).getChildren().get(2);
            assertTrue(count.getText().startsWith(nameAndCount[1] + " "), count.getText());
        }
        Thread.sleep(800);
        GuiTestSupport.screenshot(stage.getScene(), "cases-vote");

        // 3. The minimum agreement decides between answer and abstention.
        @SuppressWarnings("unchecked")
        Spinner<Double> minimum = robot.lookup("#minAgreementSpinner").queryAs(Spinner.class);
        robot.interact(() -> minimum.getValueFactory().setValue(0.0));
        assertEquals(answer, summary.getText());
        assertTrue(robot.lookup("#voteChart").query().getStyleClass().contains("answers"));
        if (agreement < 0.95) {
            robot.interact(() -> minimum.getValueFactory().setValue(agreement + 0.05));
            assertTrue(summary.getText().startsWith("Vote: abstains \u2014 " + winner), summary.getText());
            assertTrue(robot.lookup("#voteChart").query().getStyleClass().contains("abstains"));
        }

        // 4. Only the slides of one label.
        @SuppressWarnings("unchecked")
        ComboBox<String> labelFilter = robot.lookup("#labelFilter").queryAs(ComboBox.class);
        assertEquals(List.of("Any label", "normal", "stroma", "tumour"), labelFilter.getItems());
        robot.interact(() -> labelFilter.setValue("stroma"));
        GuiTestSupport.waitUntil("hits of stroma slides only", 60, () -> !window.searchPanel().gallery().hits().isEmpty()
                && window.searchPanel().gallery().hits().stream().allMatch(h -> h.slideName().equals(TestArchive.QUARTER)),
                () -> window.searchPanel().gallery().hits().stream().map(h -> h.slideName()).distinct().toList().toString());

        // 5. Find similar slides from the browser's context menu: other cases only, best first.
        robot.rightClickOn(robot.lookup((Label label) -> TestArchive.AGENT.equals(label.getText())).queryAs(Label.class));
        robot.clickOn("Find similar slides");
        GuiTestSupport.waitUntil("similar slides", 60, () -> robot.lookup("#similarSlidesTable").tryQuery().isPresent()
                && !robot.lookup("#similarSlidesTable").queryAs(TableView.class).getItems().isEmpty());
        @SuppressWarnings("unchecked")
        List<SimilarSlidesWindow.Row> rows = robot.lookup("#similarSlidesTable").queryAs(TableView.class).getItems();
        List<String> names = rows.stream().map(SimilarSlidesWindow.Row::slide).toList();
        assertEquals(List.of(TestArchive.HOSTILE_NAME, TestArchive.QUARTER), names.stream().sorted().toList(),
                "the other indexed slides, never the query's own: " + names);
        assertEquals(TestArchive.HOSTILE_NAME, names.getFirst(), "the same scan as a 0.5 um/px TIFF comes first: " + names);
        assertEquals("tumour", rows.getFirst().label());
    }
}
