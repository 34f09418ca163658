package io.histoseek.index.slide;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Micrometres per level-0 pixel and where that figure came from. {@link #unknown()} is a
 * legitimate answer: such a slide is never tiled at a guessed scale. An estimate from the
 * objective power is not a guess of that kind (the scanner says 20x), but it is an estimate, and
 * everything that shows the scale says so ({@link Source#label()}, {@link Source#isEstimate()}).
 */
public record PhysicalScale(double mppX, double mppY, Source source) {
    public enum Source {
        /** openslide.mpp-x/y, which OpenSlide derives from the vendor's metadata. */
        OPENSLIDE("slide"),
        /** tiff.XResolution/YResolution with tiff.ResolutionUnit (generic TIFF on OpenSlide 3.4). */
        TIFF_RESOLUTION("tiff-resolution"),
        /** 10 / openslide.objective-power: older scans record only the objective (Aperio AppMag). */
        OBJECTIVE_POWER("objective-power (estimate)"),
        /** Given by the user (--assume-mpp); overrides the file. */
        ASSUMED("user"),
        UNKNOWN("unknown");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** What slide-info prints as mpp_source and the archive records: slide, tiff-resolution, ... */
        public String label() {
            return label;
        }

        /** True for a figure derived from the objective rather than measured by the scanner. */
        public boolean isEstimate() {
            return this == OBJECTIVE_POWER;
        }
    }

    /**
     * The usual convention for a scanner's objective: 10 um/px divided by the magnification
     * (20x: 0.5, 40x: 0.25), which real 20x/40x scanners match within a few per cent.
     */
    static final double MICRONS_PER_PIXEL_AT_1X = 10;

    /**
     * Resolution tags outside this range are not a microscope's: 72 or 96 dpi (352 or 265 um/px)
     * is what image tools write when they know nothing (boxes.tiff says 72 dpi).
     */
    static final double MIN_PLAUSIBLE_MPP = 0.05;
    static final double MAX_PLAUSIBLE_MPP = 20;

    public PhysicalScale {
        if (source != Source.UNKNOWN && !(mppX > 0 && mppY > 0 && Double.isFinite(mppX) && Double.isFinite(mppY))) {
            throw new IllegalArgumentException("mpp must be a positive number, got " + mppX + " x " + mppY);
        }
    }

    public static PhysicalScale unknown() {
        return new PhysicalScale(Double.NaN, Double.NaN, Source.UNKNOWN);
    }

    public static PhysicalScale assumed(double mpp) {
        return new PhysicalScale(mpp, mpp, Source.ASSUMED);
    }

    /** The scale recorded in the slide, or unknown. */
    public static PhysicalScale of(SlideImage slide) {
        return fromProperties(slide.properties());
    }

    /** The user's value when given (not null), else the scale recorded in the slide. */
    public static PhysicalScale of(SlideImage slide, Double assumeMpp) {
        return assumeMpp != null ? assumed(assumeMpp) : of(slide);
    }

    static PhysicalScale fromProperties(Map<String, String> properties) {
        OptionalDouble x = positive(properties.get("openslide.mpp-x"));
        OptionalDouble y = positive(properties.get("openslide.mpp-y"));
        if (x.isPresent() && y.isPresent()) {
            return new PhysicalScale(x.getAsDouble(), y.getAsDouble(), Source.OPENSLIDE);
        }
        if (x.isPresent() || y.isPresent()) {
            double mpp = x.isPresent() ? x.getAsDouble() : y.getAsDouble();
            return new PhysicalScale(mpp, mpp, Source.OPENSLIDE);
        }
        PhysicalScale fromTiff = fromTiffTags(properties);
        return fromTiff.known() ? fromTiff : fromObjectivePower(properties);
    }

    private static PhysicalScale fromObjectivePower(Map<String, String> properties) {
        OptionalDouble objective = positive(properties.get("openslide.objective-power"));
        if (objective.isEmpty()) {
            return unknown();
        }
        double mpp = MICRONS_PER_PIXEL_AT_1X / objective.getAsDouble();
        return plausible(mpp) ? new PhysicalScale(mpp, mpp, Source.OBJECTIVE_POWER) : unknown();
    }

    private static PhysicalScale fromTiffTags(Map<String, String> properties) {
        // Aperio writes ResolutionUnit=inch with no meaningful resolution; its scale is aperio.MPP,
        // which OpenSlide already turned into openslide.mpp-x. Nothing there means unknown.
        if ("aperio".equals(properties.get("openslide.vendor"))) {
            return unknown();
        }
        String unit = properties.get("tiff.ResolutionUnit");
        double micronsPerUnit;
        if ("centimeter".equals(unit)) {
            micronsPerUnit = 10_000;
        } else if ("inch".equals(unit)) {
            micronsPerUnit = 25_400;
        } else {
            return unknown();
        }
        OptionalDouble xRes = positive(properties.get("tiff.XResolution"));
        OptionalDouble yRes = positive(properties.get("tiff.YResolution"));
        if (xRes.isEmpty()) {
            return unknown();
        }
        double mppX = micronsPerUnit / xRes.getAsDouble();
        double mppY = micronsPerUnit / yRes.orElse(xRes.getAsDouble());
        if (!plausible(mppX) || !plausible(mppY)) {
            return unknown();
        }
        return new PhysicalScale(mppX, mppY, Source.TIFF_RESOLUTION);
    }

    private static boolean plausible(double mpp) {
        return mpp >= MIN_PLAUSIBLE_MPP && mpp <= MAX_PLAUSIBLE_MPP;
    }

    private static OptionalDouble positive(String value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            return parsed > 0 && Double.isFinite(parsed) ? OptionalDouble.of(parsed) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    public boolean known() {
        return source != Source.UNKNOWN;
    }

    /**
     * One figure for square tiles: the mean of x and y (scanners differ by well under 1%).
     * NaN when unknown.
     */
    public double mpp() {
        return (mppX + mppY) / 2;
    }

    /** "0.499", "0.5 (estimate)" or "unknown": the figure with what a reader must know about it. */
    public String describeWithSource() {
        return source.isEstimate() ? describe() + " (estimate)" : describe();
    }

    /** "0.499" or "unknown". */
    public String describe() {
        if (!known()) {
            return "unknown";
        }
        String mean = format(mpp());
        return Math.abs(mppX - mppY) <= 1e-4 * mpp() ? mean : format(mppX) + "x" + format(mppY);
    }

    private static String format(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
