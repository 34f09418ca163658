package io.histoseek.app.gui.wizard;

import io.histoseek.app.gui.fx.Background;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.Archives;
import io.histoseek.model.support.OneLine;
import javafx.application.Platform;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Checks the wizard's archive address before anything runs ({@link Archives#check}): a typo, a
 * file where the folder belongs, an unreachable ZooKeeper or Solr node is told in one line. A
 * folder is checked on the spot; a cluster address in the background (up to the connect timeout)
 * and the answer comes back on the FX thread.
 */
final class AddressCheck {
    private final ExecutorService worker = Background.thread("wizard-address-check");

    /** Calls {@code passed}, or {@code failed} with the one line, on the FX thread. */
    void check(ArchiveAddress address, Runnable passed, Consumer<String> failed) {
        if (address.isFolder()) {
            problem(address).ifPresentOrElse(failed, passed);
        } else {
            worker.execute(() -> {
                Optional<String> problem = problem(address);
                Platform.runLater(() -> problem.ifPresentOrElse(failed, passed));
            });
        }
    }

    private static Optional<String> problem(ArchiveAddress address) {
        try {
            Archives.check(address);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(OneLine.of(e));
        }
    }

    /** Stops a check in flight (the window closes). */
    void close() {
        worker.shutdownNow();
    }
}
