package io.histoseek.app.gui.archive;

import io.histoseek.model.support.OneLine;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.model.AppModel;
import io.histoseek.app.gui.model.ArchiveSession;
import io.histoseek.app.gui.model.GuiPreferences;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.Archives;
import javafx.application.Platform;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Opens archives for the app: in the background (its index may need rebuilding, with progress
 * on the status line), then makes it the model's archive, remembers it for the next start and
 * closes the previous one. An archive an indexing run just finished is opened afresh. Opening never
 * waits for a writer: the status line says when another process writes the archive (or is still
 * creating or upgrading it, which is told instead of a failure).
 */
public final class ArchiveOpener {
    private final AppModel model;
    private final ExecutorService background = Background.thread("archive-open");

    public ArchiveOpener(AppModel model) {
        this.model = model;
        model.onIndexingFinished(this::open);
    }

    /** Lets the user pick an archive folder, then opens it. */
    public void choose(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open archive folder");
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            open(dir.toPath());
        }
    }

    /** Lets the user type an archive address (a SolrCloud collection, or a folder), then opens it. */
    public void chooseAddress(Window owner) {
        TextInputDialog dialog = new TextInputDialog("solr://");
        dialog.initOwner(owner);
        dialog.setTitle("Open archive");
        dialog.setHeaderText("Archive address: solr://ZKHOST:PORT[,HOST:PORT...][/CHROOT]/COLLECTION,\n"
                + "http(s)://HOST:PORT/solr/COLLECTION or a folder");
        dialog.getEditor().setId("archiveAddressField");
        dialog.showAndWait().map(String::strip).filter(text -> !text.isEmpty()).ifPresent(text -> open(ArchiveAddress.of(text)));
    }

    /** Opens the archive folder. */
    public CompletableFuture<ArchiveSession> open(Path folder) {
        return open(ArchiveAddress.of(folder));
    }

    /** Opens the archive; the future completes (on the FX thread) once it is the model's archive. */
    public CompletableFuture<ArchiveSession> open(ArchiveAddress address) {
        ArchiveAddress absolute = address.absolute();
        if (background.isShutdown()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the window is closing"));
        }
        model.statusProperty().set("Opening archive " + absolute + "\u2026");
        return CompletableFuture.supplyAsync(() -> ArchiveSession.open(absolute, model.preferences().checkpoint()), background)
                .whenCompleteAsync((opened, failure) -> {
                    if (failure != null) {
                        model.statusProperty().set(OneLine.of(failure));
                    } else {
                        show(absolute, opened);
                    }
                }, Platform::runLater);
    }

    private void show(ArchiveAddress folder, ArchiveSession opened) {
        ArchiveSession previous = model.archiveProperty().get();
        model.archiveProperty().set(opened);
        if (previous != null) {
            background.execute(previous::close);
        }
        model.preferences().put(GuiPreferences.ARCHIVE, folder.toString());
        String writing = Archives.writer(folder).map(holder -> "; " + holder.describe()
                + " is writing it, new slides appear as they are committed").orElse("");
        model.statusProperty().set(opened.searchable() ? "Archive " + folder + " open: click tissue to search it" + writing
                : "Archive " + folder + " holds no vectors yet" + (writing.isEmpty() ? ": index some slides" : writing));
    }

    /** Stops opening and closes the open archive. */
    public void close() {
        background.shutdownNow();
        ArchiveSession open = model.archiveProperty().get();
        if (open != null) {
            open.close();
        }
    }
}
