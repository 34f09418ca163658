package io.histoseek.app.gui.cases;

import io.histoseek.index.cases.Ballot;
import io.histoseek.index.cases.Vote;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart shows what the vote decided: bars by share, the winner first, the abstention and its reason. */
@ExtendWith(ApplicationExtension.class)
class VoteChartTest {
    private VoteChart chart;

    @Start
    void start(Stage stage) {
        chart = new VoteChart();
        Scene scene = new Scene(chart, 420, 200);
        scene.getStylesheets().add(VoteChart.class.getResource("/io/histoseek/app/gui/histoseek.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static Vote vote(String... labels) {
        return Vote.of(java.util.Arrays.stream(labels).map(l -> new Ballot(l, 0.8f)).toList());
    }

    @Test
    void anAnswerAndAnAbstention(FxRobot robot) {
        assertFalse(chart.isVisible(), "nothing shown before a result");
        Vote fourToOne = vote("tumour", "tumour", "stroma", "tumour", "tumour");
        robot.interact(() -> chart.show(fourToOne, 5, 0.6));
        assertTrue(chart.isVisible());
        assertEquals("Vote: tumour \u2014 80% of the top 5 labeled hits agree", robot.lookup("#voteSummary").queryAs(Label.class).getText());
        Region tumour = (Region) robot.lookup("#voteRow-tumour").queryAs(HBox.class).getChildren().get(1);
        Region stroma = (Region) robot.lookup("#voteRow-stroma").queryAs(HBox.class).getChildren().get(1);
        assertEquals(4 * stroma.getWidth(), tumour.getWidth(), 0.5);
        assertTrue(tumour.getStyleClass().contains("vote-bar-winner"));
        assertTrue(chart.getStyleClass().contains("answers"));

        Vote split = vote("tumour", "stroma", "tumour", "normal");
        robot.interact(() -> chart.show(split, 5, 0.6));
        assertEquals("Vote: abstains \u2014 tumour has 50% of 4 labeled hits, below 60%",
                robot.lookup("#voteSummary").queryAs(Label.class).getText());
        assertTrue(chart.getStyleClass().contains("abstains"));
        assertFalse(chart.getStyleClass().contains("answers"));
        assertEquals(List.of("voteRow-tumour", "voteRow-normal", "voteRow-stroma"),
                robot.lookup(".vote-row").queryAll().stream().map(n -> n.getId()).toList());
        assertTrue(robot.lookup(".vote-note").queryAs(Label.class).getText().contains("only 4 of the 5"));

        robot.interact(() -> chart.show(Vote.of(List.of()), 5, 0.6));
        assertEquals("Vote: no labeled hits among the results", robot.lookup("#voteSummary").queryAs(Label.class).getText());
        robot.interact(chart::clear);
        assertFalse(chart.isVisible());
    }
}
