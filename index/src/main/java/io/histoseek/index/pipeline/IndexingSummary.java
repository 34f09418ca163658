package io.histoseek.index.pipeline;

import java.util.List;

/**
 * The end of an indexing run.
 *
 * @param slidesFound slide files the scan found
 * @param embedded    slides embedded (new or changed) and committed this run
 * @param unchanged   slides already in the archive, skipped
 * @param failed      slides that failed this run (each recorded with its reason)
 * @param vanished    slides in the archive whose files are gone (their tiles stay)
 * @param tilesStored tiles committed this run
 * @param cancelled   true when the run stopped early; run again to resume
 * @param times       where the time went
 */
public record IndexingSummary(int slidesFound, int embedded, int unchanged, List<SlideOutcome> failed,
                              List<String> vanished, long tilesStored, boolean cancelled, StageTimes times) {}
