package io.histoseek.index.archive;

/**
 * What identifies a slide file and what the UI shows about it. {@code path} is relative to the
 * archive root and always uses '/' separators; {@code mpp} is microns per level-0 pixel (0 when unknown).
 */
public record SlideMetadata(String path, long sizeBytes, long mtimeMillis, String quickhash,
                            String vendor, double mpp, long width, long height) {
    public SlideMetadata {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("slide path is empty");
    }
}
