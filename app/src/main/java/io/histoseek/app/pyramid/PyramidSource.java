package io.histoseek.app.pyramid;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.OptionalDouble;

/**
 * A multi-resolution image the viewer can draw: level sizes, downsamples and region reads.
 * Coordinates are level-0 pixels, whatever level is read. Implementations must allow reads from
 * several threads at once and make {@link #close()} wait for reads in flight.
 */
public interface PyramidSource extends AutoCloseable {
    /** A name to show the user (usually the file name). */
    String name();

    long width();

    long height();

    int levelCount();

    double downsample(int level);

    /** Level-0 micrometres per pixel, empty when the slide does not say. */
    OptionalDouble micronsPerPixel();

    /** The scanner's objective power (20, 40), empty when the slide does not say. */
    OptionalDouble objectivePower();

    /** Reads {@code w x h} pixels of {@code level}, whose top-left corner is level-0 (x0, y0), composited on white. */
    BufferedImage readRegion(long x0, long y0, int level, int w, int h) throws IOException;

    /** A small picture of the whole slide, at most {@code maxSide} pixels on its longer side. */
    BufferedImage thumbnail(int maxSide) throws IOException;

    default long levelWidth(int level) {
        return (long) Math.ceil(width() / downsample(level));
    }

    default long levelHeight(int level) {
        return (long) Math.ceil(height() / downsample(level));
    }

    /** The finest level whose downsample does not exceed {@code downsample} (level 0 when zoomed in further). */
    default int levelFor(double downsample) {
        int best = 0;
        for (int level = 1; level < levelCount(); level++) {
            if (downsample(level) <= downsample * 1.01) {
                best = level;
            }
        }
        return best;
    }

    @Override
    void close();
}
