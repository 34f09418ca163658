package io.histoseek.index.pipeline;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Counts slides and tiles of a run and turns them into a rate and an ETA. The ETA counts the
 * tiles left in the current slide plus, for each slide still to come, the mean tiles per slide
 * embedded so far (slides skipped as unchanged cost nothing and are not in the mean).
 */
final class ProgressMeter {
    private final LongSupplier nanoClock;
    private final int slidesTotal;
    private int slidesDone;
    private int slidesEmbedded;
    private long tilesDone;
    private long tilesOfEmbeddedSlides;
    private long firstTileNanos = -1;
    private long currentSlideTiles;
    private long currentSlideDone;
    private String currentSlide;

    ProgressMeter(int slidesTotal, LongSupplier nanoClock) {
        this.slidesTotal = slidesTotal;
        this.nanoClock = nanoClock;
    }

    synchronized void slideStarted(String slide, long tiles) {
        currentSlide = slide;
        currentSlideTiles = tiles;
        currentSlideDone = 0;
        if (firstTileNanos < 0 && tiles > 0) {
            firstTileNanos = nanoClock.getAsLong();
        }
    }

    synchronized void tilesStored(int count) {
        tilesDone += count;
        currentSlideDone += count;
    }

    /** A slide is through: committed, skipped as unchanged, failed, or rolled back. */
    synchronized void slideFinished(SlideOutcome outcome) {
        slidesDone++;
        if (outcome.status() == SlideOutcome.Status.EMBEDDED) {
            slidesEmbedded++;
            tilesOfEmbeddedSlides += outcome.tiles();
        }
        // A slide's commit may end while the next slide is already being embedded.
        if (outcome.slide().equals(currentSlide)) {
            if (outcome.status() != SlideOutcome.Status.EMBEDDED) {
                // A failed slide's partial tiles were rolled back: they do not count as stored.
                tilesDone -= currentSlideDone;
            }
            currentSlide = null;
            currentSlideTiles = 0;
            currentSlideDone = 0;
        }
    }

    synchronized IndexingProgress snapshot() {
        double rate = 0;
        Optional<Duration> eta = Optional.empty();
        if (firstTileNanos >= 0) {
            double seconds = (nanoClock.getAsLong() - firstTileNanos) / 1e9;
            if (seconds > 0 && tilesDone > 0) {
                rate = tilesDone / seconds;
                eta = Optional.of(Duration.ofMillis(Math.round(1000 * tilesLeft() / rate)));
            }
        }
        return new IndexingProgress(slidesDone, slidesTotal, tilesDone, rate, eta, Optional.ofNullable(currentSlide));
    }

    private double tilesLeft() {
        long inCurrent = Math.max(0, currentSlideTiles - currentSlideDone);
        int slidesToCome = slidesTotal - slidesDone - (currentSlide != null ? 1 : 0);
        double perSlide = slidesEmbedded > 0 ? (double) tilesOfEmbeddedSlides / slidesEmbedded : currentSlideTiles;
        return inCurrent + Math.max(0, slidesToCome) * perSlide;
    }
}
