package io.histoseek.app.gui.wizard;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveWriterInfo;
import io.histoseek.index.pipeline.IndexingJob;
import io.histoseek.index.pipeline.IndexingListener;
import io.histoseek.index.pipeline.IndexingProgress;
import io.histoseek.index.pipeline.IndexingSummary;
import io.histoseek.index.pipeline.SlideOutcome;
import io.histoseek.model.support.OneLine;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The run: progress bar, slides and tiles done, tiles/s, ETA, the slide being embedded, a log of
 * failures, and pause / cancel / resume. While another process writes the archive the run waits
 * for it, saying who that is and since when, and Cancel gives up. Events arrive on the job's threads and are handed to
 * the FX thread; the window stays usable (and the archive searchable) meanwhile.
 */
final class RunPage extends VBox {
    private final ProgressBar bar = new ProgressBar(0);
    private final Label counts = new Label("Not started");
    private final Label rate = new Label();
    private final Label current = new Label();
    private final ListView<String> failures = new ListView<>();
    private final Button pause = new Button("Pause");
    private final Button cancel = new Button("Cancel");
    private final Button resume = new Button("Resume run");
    private final Label outcome = new Label();
    /** Says who writes the archive while the run waits for it; empty otherwise. */
    private final Label busy = new Label();
    private IndexingJob job;
    private WizardSettings settings;
    private Consumer<IndexingSummary> onFinished = summary -> {};
    private Runnable onSlideFinished = () -> {};

    RunPage() {
        setSpacing(8);
        setPadding(new Insets(12));
        bar.setId("indexProgressBar");
        bar.setMaxWidth(Double.MAX_VALUE);
        counts.setId("indexCounts");
        rate.setId("indexRate");
        current.setId("indexCurrentSlide");
        failures.setId("indexFailures");
        failures.setPlaceholder(new Label("No failures"));
        pause.setId("pauseButton");
        cancel.setId("cancelButton");
        resume.setId("resumeRunButton");
        outcome.setId("indexOutcome");
        outcome.setWrapText(true);
        busy.setId("archiveBusy");
        busy.setWrapText(true);
        busy.managedProperty().bind(busy.visibleProperty());
        busy.setVisible(false);
        pause.setOnAction(event -> togglePause());
        cancel.setOnAction(event -> cancel());
        resume.setOnAction(event -> start(settings));
        setButtons(false);
        Label failuresTitle = new Label("Slides that failed");
        failuresTitle.getStyleClass().add("section-title");
        VBox.setVgrow(failures, Priority.ALWAYS);
        getChildren().addAll(bar, counts, rate, current, busy, new HBox(8, pause, cancel, resume), outcome, failuresTitle, failures);
    }

    void setOnFinished(Consumer<IndexingSummary> handler) {
        this.onFinished = handler;
    }

    void setOnSlideFinished(Runnable handler) {
        this.onSlideFinished = handler;
    }

    /** The archive the run writes (null before the first start). */
    ArchiveAddress archive() {
        return settings == null ? null : settings.archive().address();
    }

    boolean running() {
        return job != null && !job.isDone();
    }

    /** Starts (or, after a cancel, resumes: the pipeline skips what is already stored) an indexing run. */
    void start(WizardSettings newSettings) {
        this.settings = newSettings;
        outcome.setText("");
        counts.setText("Scanning folders\u2026");
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        job = IndexingJob.start(newSettings.request(), new Listener());
        IndexingJob started = job;
        started.completion().whenComplete((summary, failure) -> Platform.runLater(() -> finished(started, summary, failure)));
        setButtons(true);
    }

    void cancel() {
        if (running()) {
            job.cancel();
            outcome.setText("Cancelling at the next safe point\u2026");
        }
    }

    void cancelAndWait(Duration limit) {
        IndexingJob running = job;
        if (running == null || running.isDone()) {
            return;
        }
        running.cancel();
        try {
            running.completion().get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Stopping slower than the limit, or failing: the archive is still consistent (slides commit whole).
        }
    }

    private void togglePause() {
        if (!running()) {
            return;
        }
        if (job.isPaused()) {
            job.resume();
            pause.setText("Pause");
            outcome.setText("");
        } else {
            job.pause();
            pause.setText("Continue");
            outcome.setText("Paused");
        }
    }

    private void finished(IndexingJob finishedJob, IndexingSummary summary, Throwable failure) {
        setButtons(false);
        pause.setText("Pause");
        boolean wasWaiting = busy.isVisible();
        showBusy(null);
        if (failure != null && wasWaiting && finishedJob.isCancelled()) {
            bar.setProgress(0);
            counts.setText("Not started");
            outcome.setText("Cancelled while waiting for the other writer; nothing was written. Resume run waits again.");
            resume.setDisable(false);
            return;
        }
        if (failure != null) {
            outcome.setText("Indexing stopped: " + OneLine.of(failure));
            resume.setDisable(false);
            return;
        }
        bar.setProgress(summary.cancelled() ? bar.getProgress() : 1);
        outcome.setText(String.format(Locale.ROOT, "%s: %d slides found, %d embedded, %d unchanged, %d failed, %d vanished, %,d tiles stored.%s",
                summary.cancelled() ? "Cancelled" : "Done", summary.slidesFound(), summary.embedded(), summary.unchanged(),
                summary.failed().size(), summary.vanished().size(), summary.tilesStored(),
                summary.cancelled() ? " Resume run picks up where it stopped." : ""));
        resume.setDisable(!summary.cancelled());
        if (finishedJob == job) {
            onFinished.accept(summary);
        }
    }

    /** Shows who writes the archive while this run waits for it, or hides the line ({@code holder} null). */
    private void showBusy(ArchiveWriterInfo holder) {
        busy.setVisible(holder != null);
        if (holder == null) {
            busy.setText("");
            return;
        }
        busy.setText("Archive busy: " + settings.archive().address() + " is being written by " + holder.describe()
                + ". This run starts when that ends; Cancel gives up without writing anything.");
        counts.setText("Waiting for the other writer\u2026");
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
    }

    private void setButtons(boolean runningNow) {
        pause.setDisable(!runningNow);
        cancel.setDisable(!runningNow);
        resume.setDisable(true);
    }

    private void show(IndexingProgress progress) {
        bar.setProgress(progress.slidesTotal() == 0 ? 0 : (double) progress.slidesDone() / progress.slidesTotal());
        counts.setText(String.format(Locale.ROOT, "%d of %d slides \u00b7 %,d tiles embedded", progress.slidesDone(),
                progress.slidesTotal(), progress.tilesDone()));
        rate.setText(String.format(Locale.ROOT, "%.1f tiles/s \u00b7 ETA %s", progress.tilesPerSecond(),
                progress.eta().map(RunPage::format).orElse("estimating\u2026")));
        current.setText(progress.currentSlide().map(slide -> "Embedding " + slide).orElse(""));
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
    }

    private final class Listener implements IndexingListener {
        @Override
        public void progress(IndexingProgress progress) {
            Platform.runLater(() -> show(progress));
        }

        @Override
        public void slideFinished(SlideOutcome slideOutcome) {
            Platform.runLater(() -> {
                if (slideOutcome.status() == SlideOutcome.Status.FAILED) {
                    failures.getItems().add(slideOutcome.slide() + ": " + slideOutcome.reason());
                }
                onSlideFinished.run();
            });
        }

        @Override
        public void slideVanished(String slide) {
            Platform.runLater(() -> failures.getItems().add(slide + ": file no longer there (its tiles are kept)"));
        }

        @Override
        public void note(String message) {
            Platform.runLater(() -> outcome.setText(message));
        }

        @Override
        public void waitingForWriter(ArchiveWriterInfo holder) {
            Platform.runLater(() -> showBusy(holder));
        }

        @Override
        public void archiveOpened() {
            Platform.runLater(() -> {
                showBusy(null);
                counts.setText("Loading the encoder\u2026");
            });
        }
    }
}
