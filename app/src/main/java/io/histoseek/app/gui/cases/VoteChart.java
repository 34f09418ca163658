package io.histoseek.app.gui.cases;

import io.histoseek.index.cases.Vote;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The vote of a result's labeled hits: one bar per label, as long as its share of the votes, the
 * winner first and highlighted, and above them the answer or the abstention with its reason.
 * Shows what {@link Vote} decided; decides nothing itself.
 */
public final class VoteChart extends VBox {
    static final double BAR = 160;

    private final Label summary = new Label();
    private final VBox bars = new VBox(2);

    public VoteChart() {
        setId("voteChart");
        getStyleClass().add("vote-chart");
        setSpacing(4);
        summary.setId("voteSummary");
        summary.getStyleClass().add("vote-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(summary, bars);
        clear();
    }

    /** Shows nothing (no result, or an archive without labels). */
    public void clear() {
        summary.setText("");
        bars.getChildren().clear();
        setVisible(false);
        setManaged(false);
    }

    /** Shows the vote of the top {@code k} labeled hits at a minimum agreement. */
    public void show(Vote vote, int k, double minAgreement) {
        setVisible(true);
        setManaged(true);
        bars.getChildren().clear();
        boolean abstains = vote.abstains(minAgreement);
        getStyleClass().removeAll("abstains", "answers");
        getStyleClass().add(abstains ? "abstains" : "answers");
        if (vote.winner() == null) {
            summary.setText("Vote: no labeled hits among the results");
            return;
        }
        int percent = (int) Math.round(vote.agreement() * 100);
        summary.setText(abstains
                ? String.format(Locale.ROOT, "Vote: abstains \u2014 %s has %d%% of %d labeled hits, below %d%%",
                        vote.winner(), percent, vote.voters(), Math.round(minAgreement * 100))
                : String.format(Locale.ROOT, "Vote: %s \u2014 %d%% of the top %d labeled hits agree", vote.winner(), percent, vote.voters()));
        for (Vote.Tally side : vote.tally()) {
            bars.getChildren().add(bar(side, vote, abstains));
        }
        if (vote.voters() < k) {
            Label few = new Label("only " + vote.voters() + " of the " + k + " hits asked for carry a label");
            few.getStyleClass().add("vote-note");
            bars.getChildren().add(few);
        }
    }

    private static HBox bar(Vote.Tally side, Vote vote, boolean abstains) {
        Label name = new Label(side.label());
        name.setMinWidth(120);
        name.setPrefWidth(120);
        name.getStyleClass().add("vote-label");
        Region fill = new Region();
        double width = Math.max(2, BAR * side.votes() / vote.voters());
        fill.setMinWidth(width);
        fill.setPrefWidth(width);
        fill.setMaxWidth(width);
        fill.setMinHeight(12);
        fill.getStyleClass().add("vote-bar");
        if (side.label().equals(vote.winner())) fill.getStyleClass().add(abstains ? "vote-bar-undecided" : "vote-bar-winner");
        Label count = new Label(String.format(Locale.ROOT, "%d (sum %.2f)", side.votes(), side.summedScore()));
        count.getStyleClass().add("vote-count");
        HBox row = new HBox(6, name, fill, count);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("vote-row");
        row.setId("voteRow-" + side.label());
        return row;
    }
}
