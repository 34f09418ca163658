package io.histoseek.app.gui.cases;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.Query;
import io.histoseek.app.gui.viewer.ImageRegion;
import io.histoseek.index.cases.Vote;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Above the results: what the labeled hits say. When a result arrives and the archive has labels,
 * the vote of the query's K nearest labeled tiles from other cases (K = the search's hits) is run
 * in the background and drawn by a {@link VoteChart}; the minimum agreement is set here.
 */
public final class VotePanel extends VBox {
    static final double DEFAULT_MIN_AGREEMENT = 0.6;

    private final AppModel model;
    private final VoteChart chart = new VoteChart();
    private final Spinner<Double> minAgreement = new Spinner<>();
    private final Label problem = new Label();
    private final ExecutorService thread = Background.thread("vote");
    private final AtomicLong latest = new AtomicLong();
    private Vote shown;
    private int shownK;

    public VotePanel(AppModel model) {
        this.model = model;
        setId("votePanel");
        setSpacing(4);
        minAgreement.setId("minAgreementSpinner");
        minAgreement.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 1, DEFAULT_MIN_AGREEMENT, 0.05));
        minAgreement.setEditable(true);
        minAgreement.setPrefWidth(80);
        minAgreement.valueProperty().addListener((obs, old, now) -> redraw());
        problem.getStyleClass().add("vote-note");
        HBox header = new HBox(6, new Label("Vote of the labeled hits \u2014 min agreement"), minAgreement);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, chart, problem);
        model.resultProperty().addListener((obs, old, result) -> vote(result));
        model.labelsProperty().addListener((obs, old, labels) -> {
            if (labels.isEmpty()) clear();
        });
        clear();
    }

    public VoteChart chart() {
        return chart;
    }

    private void vote(ResultGallery result) {
        long id = latest.incrementAndGet();
        ArchiveSession archive = model.archiveProperty().get();
        Query query = model.queryProperty().get();
        if (result == null || archive == null || query == null || model.labelsProperty().get().isEmpty()) {
            clear();
            return;
        }
        int k = model.optionsProperty().get().k();
        thread.execute(() -> {
            try {
                ImageRegion region = query.region();
                Vote vote = archive.vote(query.slide(), region.x(), region.y(), region.width(), region.height(), k);
                Platform.runLater(() -> {
                    if (id == latest.get()) show(vote, k);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    if (id == latest.get()) showProblem(OneLine.of(e));
                });
            }
        });
    }

    private void show(Vote vote, int k) {
        shown = vote;
        shownK = k;
        problem.setText("");
        setVisible(true);
        setManaged(true);
        redraw();
    }

    private void redraw() {
        if (shown != null) chart.show(shown, shownK, minAgreement.getValue());
    }

    private void showProblem(String message) {
        shown = null;
        chart.clear();
        problem.setText("No vote: " + message);
        setVisible(true);
        setManaged(true);
    }

    private void clear() {
        shown = null;
        chart.clear();
        problem.setText("");
        setVisible(false);
        setManaged(false);
    }

    public void dispose() {
        thread.shutdownNow();
    }
}
