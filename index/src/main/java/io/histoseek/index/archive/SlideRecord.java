package io.histoseek.index.archive;

/** A slide as stored: its id, metadata, status and (for a failed slide) why it failed. */
public record SlideRecord(long id, SlideMetadata metadata, SlideStatus status, String failureReason) {
    public String path() {
        return metadata.path();
    }

    /** True when the level-0 point lies inside the slide's pixel area. */
    public boolean contains(long x, long y) {
        return x >= 0 && y >= 0 && x < metadata.width() && y < metadata.height();
    }
}
