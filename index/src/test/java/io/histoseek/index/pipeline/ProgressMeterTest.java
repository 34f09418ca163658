package io.histoseek.index.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressMeterTest {
    @Test
    void rateAndEtaFollowTheTilesAndTheMeanSlide() {
        AtomicLong now = new AtomicLong();
        ProgressMeter meter = new ProgressMeter(4, now::get);
        meter.slideFinished(new SlideOutcome("old.svs", SlideOutcome.Status.UNCHANGED, 0, ""));
        meter.slideStarted("a.svs", 100);
        now.addAndGet(10_000_000_000L);
        meter.tilesStored(100);
        meter.slideFinished(new SlideOutcome("a.svs", SlideOutcome.Status.EMBEDDED, 100, ""));
        meter.slideStarted("b.svs", 50);
        meter.tilesStored(20);
        now.addAndGet(2_000_000_000L);

        IndexingProgress progress = meter.snapshot();
        assertEquals(2, progress.slidesDone());
        assertEquals(120, progress.tilesDone());
        assertEquals(10.0, progress.tilesPerSecond(), 1e-9);
        // 30 tiles left in b, then one more slide of the mean 100 tiles, at 10 tiles/s.
        assertEquals(Optional.of(Duration.ofSeconds(13)), progress.eta());
        assertEquals(Optional.of("b.svs"), progress.currentSlide());
    }

    @Test
    void aFailedSlidesRolledBackTilesDoNotCount() {
        AtomicLong now = new AtomicLong();
        ProgressMeter meter = new ProgressMeter(1, now::get);
        meter.slideStarted("bad.svs", 10);
        meter.tilesStored(4);
        meter.slideFinished(SlideOutcome.failed("bad.svs", "Bogus marker length"));
        assertEquals(0, meter.snapshot().tilesDone());
        assertEquals(1, meter.snapshot().slidesDone());
    }
}
