package io.histoseek.app.gui.cases;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.gui.model.AppModel;
import javafx.scene.Node;
import javafx.stage.Window;

import java.util.function.Function;

/** The case features of the window, made together: the vote above the results, labels on the cards, similar slides. */
public final class Cases {
    private final VotePanel votePanel;
    private final CardLabels cardLabels;
    private final SimilarSlidesWindow similarSlides;

    public Cases(AppModel model, Window owner) {
        this.votePanel = new VotePanel(model);
        this.cardLabels = new CardLabels(model);
        this.similarSlides = new SimilarSlidesWindow(model, owner);
    }

    /** Goes above the results gallery. */
    public VotePanel votePanel() {
        return votePanel;
    }

    /** Goes under each result card. */
    public Function<GalleryTile, Node> cardLabels() {
        return cardLabels;
    }

    public void dispose() {
        votePanel.dispose();
        similarSlides.dispose();
    }
}
