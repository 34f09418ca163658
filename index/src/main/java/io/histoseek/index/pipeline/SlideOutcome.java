package io.histoseek.index.pipeline;

/**
 * What happened to one slide in a run.
 *
 * @param slide  the slide's path relative to the archive root
 * @param status what the run did with it
 * @param tiles  tiles stored for it (0 unless EMBEDDED or UNCHANGED)
 * @param reason why it failed, else empty
 */
public record SlideOutcome(String slide, Status status, int tiles, String reason) {
    public enum Status { EMBEDDED, UNCHANGED, FAILED }

    public static SlideOutcome failed(String slide, String reason) {
        return new SlideOutcome(slide, Status.FAILED, 0, reason);
    }
}
