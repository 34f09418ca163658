package io.histoseek.index.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a running indexing job.
 *
 * @param slidesDone    slides dealt with this run (embedded, unchanged or failed)
 * @param slidesTotal   slide files found by the scan
 * @param tilesDone     tiles embedded and stored this run
 * @param tilesPerSecond embedding rate since the first tile of this run
 * @param eta           the estimated time left, empty until a rate is known
 * @param currentSlide  the slide being embedded, or empty between slides
 */
public record IndexingProgress(int slidesDone, int slidesTotal, long tilesDone, double tilesPerSecond,
                               Optional<Duration> eta, Optional<String> currentSlide) {}
