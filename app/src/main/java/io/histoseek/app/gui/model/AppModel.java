package io.histoseek.app.gui.model;

import io.histoseek.app.export.GalleryTile;
import io.histoseek.app.export.ResultGallery;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.search.Example;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the panels of the main window share, and how they ask each other for things: the open
 * archive, the search options, the query (its examples, with undo) and what it found, the status
 * line (observable properties), and requests (open a slide, open a hit, search, index folders, an
 * archive was written, find slides like a slide). A panel depends on this object, never on another
 * panel or on the window. Used on the FX thread only.
 */
public final class AppModel {
    /** Changes of the query that undo can take back. */
    static final int UNDO_STEPS = 100;

    private final GuiPreferences preferences;
    private final ObjectProperty<ArchiveSession> archive = new SimpleObjectProperty<>(this, "archive");
    private final ObjectProperty<SearchOptions> options = new SimpleObjectProperty<>(this, "options", SearchOptions.DEFAULT);
    private final ObjectProperty<Query> query = new SimpleObjectProperty<>(this, "query");
    private final ObjectProperty<ResultGallery> result = new SimpleObjectProperty<>(this, "result");
    /** Queries before the current one, latest last; null stands for "no query". */
    private final List<Query> earlier = new ArrayList<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final StringProperty status = new SimpleStringProperty(this, "status", "Ready");
    private final ObjectProperty<SlideLabels> labels = new SimpleObjectProperty<>(this, "labels", SlideLabels.NONE);
    private final Requests<Path> openSlide = new Requests<>();
    private final Requests<GalleryTile> openHit = new Requests<>();
    private final Requests<Query> search = new Requests<>();
    private final Requests<ArchiveAddress> indexFolders = new Requests<>();
    private final Requests<ArchiveAddress> archiveWritten = new Requests<>();
    private final Requests<ArchiveAddress> indexingFinished = new Requests<>();
    private final Requests<Path> findSimilarSlides = new Requests<>();

    public AppModel(GuiPreferences preferences) {
        this.preferences = preferences;
    }

    /** What the app remembers between runs. */
    public GuiPreferences preferences() {
        return preferences;
    }

    /** The open archive; null while none is. */
    public ObjectProperty<ArchiveSession> archiveProperty() {
        return archive;
    }

    /** How many hits, whether to skip the query's slide, the cap per slide. */
    public ObjectProperty<SearchOptions> optionsProperty() {
        return options;
    }

    /** The last query asked (null: none yet). */
    public ObjectProperty<Query> queryProperty() {
        return query;
    }

    /** What the last query found (null until it has). */
    public ObjectProperty<ResultGallery> resultProperty() {
        return result;
    }

    /** The open archive's slide labels, as last read (none while no archive is open). */
    public ObjectProperty<SlideLabels> labelsProperty() {
        return labels;
    }

    /** The window's status line. */
    public StringProperty statusProperty() {
        return status;
    }

    /**
     * Asks for a search: the query becomes the current one (the one it replaces can be restored
     * with {@link #undo()}) and whoever searches runs it (again, if equal).
     */
    public void search(Query asked) {
        remember();
        query.set(asked);
        search.send(asked);
    }

    /** Adds an example to the query and searches again; a negative needs a query to refine (else it only says so). */
    public void addExample(Example example) {
        Query now = query.get();
        if (now == null && !example.positive()) {
            status.set("\"Not like this\" refines a query: search first");
        } else {
            search(now == null ? new Query(List.of(example)) : now.with(example));
        }
    }

    /** Removes an example and searches again; removing the last positive clears the query. */
    public void removeExample(Example example) {
        Query now = query.get();
        if (now != null) {
            now.without(example).ifPresentOrElse(this::search, this::clearQuery);
        }
    }

    /** No query, no result: the gallery and outlines empty. Undoable. */
    public void clearQuery() {
        if (query.get() != null) {
            remember();
            result.set(null);
            query.set(null);
        }
    }

    /** Restores the query before the last change (and searches it again). */
    public void undo() {
        if (earlier.isEmpty()) {
            return;
        }
        Query before = earlier.removeLast();
        canUndo.set(!earlier.isEmpty());
        if (before == null) {
            result.set(null);
            query.set(null);
        } else {
            query.set(before);
            search.send(before);
        }
    }

    /** Whether {@link #undo()} has a query to go back to. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    private void remember() {
        if (earlier.size() == UNDO_STEPS) {
            earlier.removeFirst();
        }
        earlier.add(query.get());
        canUndo.set(true);
    }

    public void onSearch(Consumer<Query> handler) {
        search.handle(handler);
    }

    /** Asks for a slide file to be shown. */
    public void openSlide(Path file) {
        openSlide.send(file);
    }

    public void onOpenSlide(Consumer<Path> handler) {
        openSlide.handle(handler);
    }

    /** Asks for a hit to be shown on its slide. */
    public void openHit(GalleryTile hit) {
        openHit.send(hit);
    }

    public void onOpenHit(Consumer<GalleryTile> handler) {
        openHit.handle(handler);
    }

    /** Asks for the indexing wizard, to extend {@code archive} (null: the one it remembers). */
    public void indexFolders(ArchiveAddress archive) {
        indexFolders.send(archive);
    }

    public void onIndexFolders(Consumer<ArchiveAddress> handler) {
        indexFolders.handle(handler);
    }

    /** Says that an indexing run stored a slide in {@code archive}. */
    public void archiveWritten(ArchiveAddress archive) {
        archiveWritten.send(archive);
    }

    public void onArchiveWritten(Consumer<ArchiveAddress> handler) {
        archiveWritten.handle(handler);
    }

    /** Says that an indexing run into {@code archive} ended (done or cancelled). */
    public void indexingFinished(ArchiveAddress archive) {
        indexingFinished.send(archive);
    }

    public void onIndexingFinished(Consumer<ArchiveAddress> handler) {
        indexingFinished.handle(handler);
    }

    /** Asks for the archive's slides most like a whole slide. */
    public void findSimilarSlides(Path slide) {
        findSimilarSlides.send(slide);
    }

    public void onFindSimilarSlides(Consumer<Path> handler) {
        findSimilarSlides.handle(handler);
    }

    /** One kind of request and the handlers that act on it, in the order they registered. */
    private static final class Requests<T> {
        private final List<Consumer<T>> handlers = new ArrayList<>();

        void handle(Consumer<T> handler) {
            handlers.add(handler);
        }

        void send(T request) {
            List.copyOf(handlers).forEach(handler -> handler.accept(request));
        }
    }
}
