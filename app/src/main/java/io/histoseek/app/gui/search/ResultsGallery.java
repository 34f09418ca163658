package io.histoseek.app.gui.search;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.TileRenderer;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.FxImages;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The hits as cards, best first or grouped by slide. Pictures are rendered from the slides on a
 * background thread, in gallery order, only once a card exists; a new result cancels the renders
 * of the previous one.
 */
public final class ResultsGallery extends ScrollPane {
    private final TileRenderer renderer;
    private final ExecutorService renderThread = Background.thread("gallery-renderer");
    private final VBox content = new VBox(8);
    private final List<Future<?>> renders = new ArrayList<>();
    private List<GalleryTile> hits = List.of();
    private boolean grouped;
    private final List<Function<GalleryTile, Node>> cardExtras = new ArrayList<>();
    private Consumer<GalleryTile> onOpen = hit -> {};

    public ResultsGallery(TileRenderer renderer) {
        this.renderer = renderer;
        setId("resultsGallery");
        setFitToWidth(true);
        content.getStyleClass().add("gallery-content");
        setContent(content);
    }

    public void setOnOpen(Consumer<GalleryTile> handler) {
        this.onOpen = handler;
    }

    /** Makers of extra lines under each hit's card (a label, buttons), applied as cards are built. */
    public List<Function<GalleryTile, Node>> cardExtras() {
        return cardExtras;
    }

    public List<GalleryTile> hits() {
        return hits;
    }

    public void show(List<GalleryTile> newHits) {
        this.hits = List.copyOf(newHits);
        rebuild();
    }

    public void setGrouped(boolean groupedBySlide) {
        this.grouped = groupedBySlide;
        rebuild();
    }

    public void dispose() {
        renderThread.shutdownNow();
    }

    private void rebuild() {
        renders.forEach(render -> render.cancel(true));
        renders.clear();
        content.getChildren().clear();
        if (grouped) {
            Map<Path, List<GalleryTile>> bySlide = new LinkedHashMap<>();
            hits.forEach(hit -> bySlide.computeIfAbsent(hit.slide(), slide -> new ArrayList<>()).add(hit));
            for (Map.Entry<Path, List<GalleryTile>> slide : bySlide.entrySet()) {
                Label header = new Label(slide.getValue().getFirst().slideName() + "  (" + slide.getValue().size() + ")");
                header.getStyleClass().add("gallery-group");
                content.getChildren().addAll(header, cards(slide.getValue()));
            }
        } else {
            content.getChildren().add(cards(hits));
        }
        setVvalue(0);
    }

    private FlowPane cards(List<GalleryTile> tiles) {
        FlowPane flow = new FlowPane(8, 8);
        flow.prefWrapLengthProperty().bind(widthProperty().subtract(30));
        for (GalleryTile hit : tiles) {
            HitCard card = new HitCard(hit);
            cardExtras.forEach(extra -> card.getChildren().add(extra.apply(hit)));
            card.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                    onOpen.accept(hit);
                }
            });
            flow.getChildren().add(card);
            renders.add(renderThread.submit(() -> render(card)));
        }
        return flow;
    }

    private void render(HitCard card) {
        Optional<BufferedImage> image = renderer.render(card.hit(), (int) (HitCard.PICTURE * 1.5));
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        if (image.isPresent()) {
            var fxImage = FxImages.of(image.get());
            Platform.runLater(() -> card.showPicture(fxImage));
        } else {
            Platform.runLater(card::showMissing);
        }
    }
}
