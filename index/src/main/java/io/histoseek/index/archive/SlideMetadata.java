package io.histoseek.index.archive;

import java.util.Locale;

/**
 * What identifies a slide file and what the UI shows about it. {@code path} is relative to the
 * archive root and always uses '/' separators; {@code mpp} is microns per level-0 pixel (0 when unknown);
 * {@code mppSource} says where that figure came from, in the words {@code slide-info} prints as
 * {@code mpp_source} ({@code slide}, {@code tiff-resolution}, {@code objective-power (estimate)},
 * {@code user}), or is empty when not recorded (a failed slide, a slide indexed before schema 4).
 */
public record SlideMetadata(String path, long sizeBytes, long mtimeMillis, String quickhash,
                            String vendor, double mpp, String mppSource, long width, long height) {
    private static final String ESTIMATE_MARK = "(estimate)";

    public SlideMetadata {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("slide path is empty");
        mppSource = mppSource == null ? "" : mppSource;
    }

    /** True when the mpp is an estimate (from the objective power) rather than measured by the scanner. */
    public boolean mppEstimated() {
        return mppSource.endsWith(ESTIMATE_MARK);
    }

    /** "0.5 (estimate)", "0.499", or "unknown": the figure with what a reader must know about it. */
    public String describeMpp() {
        if (mpp <= 0) return "unknown";
        String figure = String.format(Locale.ROOT, "%.4f", mpp).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mppEstimated() ? figure + " " + ESTIMATE_MARK : figure;
    }
}
