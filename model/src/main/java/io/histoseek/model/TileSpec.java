package io.histoseek.model;

import java.util.Locale;

/**
 * The tile every vector stands for, decided once for the whole program: a square of
 * {@code pixels} at {@code micronsPerPixel}, laid on a grid that steps {@code stride} pixels
 * (equal to {@code pixels}: no overlap). The encoder's input, the tiler, the archive, search and
 * the viewer all read it from here; an archive records the spec it was made with and refuses
 * another one.
 */
public record TileSpec(int pixels, double micronsPerPixel, int stride) {
    /** H-optimus-0's input: 224 px at 0.5 um/px (20x), tiles side by side. */
    public static final TileSpec DEFAULT = new TileSpec(224, 0.5, 224);

    public TileSpec {
        if (pixels < 1 || stride < 1 || stride > pixels) {
            throw new IllegalArgumentException("a tile spec needs 1 <= stride <= pixels, got " + pixels + " px, stride " + stride);
        }
        if (!(micronsPerPixel > 0) || !Double.isFinite(micronsPerPixel)) {
            throw new IllegalArgumentException("microns per pixel must be positive, got " + micronsPerPixel);
        }
    }

    public int pixelCount() {
        return pixels * pixels;
    }

    /** Floats in one normalized CHW RGB tensor. */
    public int tensorLength() {
        return 3 * pixelCount();
    }

    /** The tile's side in level-0 pixels of a slide scanned at {@code slideMpp} (fractional). */
    public double levelZeroSide(double slideMpp) {
        return pixels * micronsPerPixel / slideMpp;
    }

    /** The grid step in level-0 pixels of a slide scanned at {@code slideMpp} (fractional). */
    public double levelZeroStride(double slideMpp) {
        return stride * micronsPerPixel / slideMpp;
    }

    /** The form an archive records and compares, e.g. {@code 224px@0.5um/224}. */
    public String key() {
        return String.format(Locale.ROOT, "%dpx@%sum/%d", pixels, trim(micronsPerPixel), stride);
    }

    /** Parses {@link #key()}; throws IllegalArgumentException naming the text otherwise. */
    public static TileSpec parse(String key) {
        try {
            int at = key.indexOf("px@");
            int um = key.indexOf("um/", at);
            return new TileSpec(Integer.parseInt(key.substring(0, at)), Double.parseDouble(key.substring(at + 3, um)),
                    Integer.parseInt(key.substring(um + 3)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a tile spec: '" + key + "' (expected e.g. " + DEFAULT.key() + ")");
        }
    }

    /** For people: {@code 224 px at 0.5 um/px}, with the stride when tiles overlap. */
    @Override
    public String toString() {
        String base = pixels + " px at " + trim(micronsPerPixel) + " um/px";
        return stride == pixels ? base : base + ", stride " + stride + " px";
    }

    private static String trim(double value) {
        String text = Double.toString(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
