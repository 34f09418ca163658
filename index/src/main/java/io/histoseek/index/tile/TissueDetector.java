package io.histoseek.index.tile;

import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.SlideException;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Finds tissue on a low-resolution image of the slide: chroma (max - min of RGB) thresholded
 * with Otsu's method, then a 3x3 opening and closing.
 *
 * <p>Why chroma: glass is white and black borders/dust are grey or black, all near zero chroma,
 * while H&E-stained tissue is pink or purple even when pale. Pixels that are very dark (black
 * ink, scanner borders) or whose green channel clearly exceeds red (green, blue and cyan marker
 * ink; H&E always has green lowest) are never tissue and stay out of the Otsu histogram.
 */
public final class TissueDetector {
    /** Below this chroma nothing is tissue, whatever Otsu says: JPEG noise on white glass reaches ~8. */
    static final int MIN_THRESHOLD = 12;
    /**
     * Above this Otsu would split strongly stained from pale tissue rather than tissue from glass,
     * so the threshold is capped: faint eosin measures ~20-30 on these slides.
     */
    static final int MAX_THRESHOLD = 25;
    /** Pixels whose brightest channel is below this are black border or ink, not tissue. */
    static final int DARK = 50;
    /** Ink test: green more than this above red. */
    static final int INK_GREEN_OVER_RED = 10;
    /** Thumbnails are trusted only when their aspect ratio matches level 0 this closely. */
    private static final double ASPECT_TOLERANCE = 0.01;
    /** Rows read per strip when a level is larger than the mask wants. */
    private static final int STRIP_ROWS = 256;

    private TissueDetector() {}

    /**
     * A tissue mask with at most {@code maxScale} level-0 pixels per mask pixel, read from the
     * cheapest source fine enough: the stored thumbnail or a pyramid level (downsampled further
     * while reading when it is much finer than needed).
     */
    public static TissueMask detect(SlideImage slide, double maxScale) throws SlideException {
        Source source = cheapestSource(slide, Math.max(1, maxScale));
        int[] rgb;
        int width;
        int height;
        double scaleX;
        double scaleY;
        if (source.thumbnail) {
            BufferedImage thumbnail = slide.readAssociatedImage("thumbnail");
            width = thumbnail.getWidth();
            height = thumbnail.getHeight();
            rgb = thumbnail.getRGB(0, 0, width, height, null, 0, width);
            scaleX = slide.width() / (double) width;
            scaleY = slide.height() / (double) height;
        } else {
            long levelWidth = slide.levelWidth(source.level);
            long levelHeight = slide.levelHeight(source.level);
            int factor = (int) Math.max(1, Math.min(Math.min(levelWidth, levelHeight),
                    Math.floor(maxScale / slide.levelDownsample(source.level))));
            width = (int) Math.max(1, levelWidth / factor);
            height = (int) Math.max(1, levelHeight / factor);
            rgb = readReduced(slide, source.level, factor, width, height);
            // Mask pixels are whole blocks of level pixels; a partial block at the edge is dropped.
            scaleX = slide.width() / (double) levelWidth * factor;
            scaleY = slide.height() / (double) levelHeight * factor;
        }
        return new TissueMask(width, height, scaleX, scaleY, classify(rgb, width, height));
    }

    /**
     * An overview mask, for display or when the mpp is unknown: at least {@code minSide} pixels
     * on its longer side (the stored thumbnail usually qualifies), at most about twice that.
     */
    public static TissueMask detectOverview(SlideImage slide, int minSide) throws SlideException {
        return detect(slide, Math.max(slide.width(), slide.height()) / (double) minSide);
    }

    private record Source(boolean thumbnail, int level, double pixels) {}

    private static Source cheapestSource(SlideImage slide, double maxScale) throws SlideException {
        Source best = new Source(false, 0, (double) slide.width() * slide.height());
        for (int level = 1; level < slide.levelCount(); level++) {
            if (slide.levelDownsample(level) <= maxScale) {
                best = new Source(false, level, (double) slide.levelWidth(level) * slide.levelHeight(level));
            }
        }
        if (slide.associatedImageNames().contains("thumbnail")) {
            long[] size = slide.associatedImageSize("thumbnail");
            double slideAspect = slide.width() / (double) slide.height();
            double thumbAspect = size[0] / (double) size[1];
            double scale = slide.width() / (double) size[0];
            double pixels = (double) size[0] * size[1];
            if (Math.abs(thumbAspect / slideAspect - 1) <= ASPECT_TOLERANCE && scale <= maxScale
                    && pixels < best.pixels) {
                best = new Source(true, -1, pixels);
            }
        }
        return best;
    }

    /** Reads a level in strips, box-averaging factor x factor blocks, so memory stays bounded. */
    private static int[] readReduced(SlideImage slide, int level, int factor, int width, int height) throws SlideException {
        double downsample = slide.levelDownsample(level);
        int levelWidth = (int) Math.min(slide.levelWidth(level), (long) width * factor);
        int rowsPerStrip = Math.max(factor, STRIP_ROWS / factor * factor);
        int[] strip = new int[levelWidth * rowsPerStrip];
        long[] sums = new long[width * 3];
        int[] out = new int[width * height];
        int outRow = 0;
        for (int stripTop = 0; outRow < height; stripTop += rowsPerStrip) {
            int rows = Math.min(rowsPerStrip, (height - outRow) * factor);
            slide.read(RegionRequest.ofLevel(slide, level, 0, Math.round(stripTop * downsample), levelWidth, rows), strip);
            for (int blockTop = 0; blockTop + factor <= rows; blockTop += factor, outRow++) {
                Arrays.fill(sums, 0);
                for (int dy = 0; dy < factor; dy++) {
                    int base = (blockTop + dy) * levelWidth;
                    for (int x = 0; x < width * factor; x++) {
                        int p = strip[base + x];
                        int o = (x / factor) * 3;
                        sums[o] += (p >>> 16) & 0xFF;
                        sums[o + 1] += (p >>> 8) & 0xFF;
                        sums[o + 2] += p & 0xFF;
                    }
                }
                long n = (long) factor * factor;
                for (int x = 0; x < width; x++) {
                    out[outRow * width + x] = 0xFF000000 | (int) (sums[x * 3] / n) << 16
                            | (int) (sums[x * 3 + 1] / n) << 8 | (int) (sums[x * 3 + 2] / n);
                }
            }
        }
        return out;
    }

    static boolean[] classify(int[] rgb, int width, int height) {
        int n = width * height;
        int[] chroma = new int[n];
        int[] histogram = new int[256];
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            int r = (p >>> 16) & 0xFF;
            int g = (p >>> 8) & 0xFF;
            int b = p & 0xFF;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            boolean artefact = max < DARK || g > r + INK_GREEN_OVER_RED;
            chroma[i] = artefact ? -1 : max - min;
            if (!artefact) {
                histogram[max - min]++;
            }
        }
        int threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, otsu(histogram)));
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = chroma[i] >= threshold;
        }
        return Morphology.close(Morphology.open(mask, width, height), width, height);
    }

    /** Otsu's threshold: the first value of the upper class that maximises between-class variance. */
    static int otsu(int[] histogram) {
        long total = 0;
        double sumAll = 0;
        for (int v = 0; v < histogram.length; v++) {
            total += histogram[v];
            sumAll += (double) v * histogram[v];
        }
        if (total == 0) {
            return histogram.length;
        }
        long below = 0;
        double sumBelow = 0;
        double bestVariance = -1;
        int best = 0;
        for (int t = 0; t < histogram.length - 1; t++) {
            below += histogram[t];
            sumBelow += (double) t * histogram[t];
            long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double meanBelow = sumBelow / below;
            double meanAbove = (sumAll - sumBelow) / above;
            double variance = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (variance > bestVariance) {
                bestVariance = variance;
                best = t + 1;
            }
        }
        return best;
    }
}
