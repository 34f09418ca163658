package io.histoseek.app.pyramid;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.Slide;
import io.histoseek.index.slide.SlideException;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** A slide file read through OpenSlide, as the viewer's pyramid. */
public final class OpenSlideSource implements PyramidSource {
    /** Reading a whole level for the thumbnail is only worth it below this many pixels. */
    private static final long MAX_THUMBNAIL_SOURCE_PIXELS = 40_000_000L;

    private final Slide slide;
    private final OptionalDouble mpp;
    private final OptionalDouble objective;

    private OpenSlideSource(Slide slide) {
        this.slide = slide;
        PhysicalScale scale = PhysicalScale.of(slide);
        this.mpp = scale.known() ? OptionalDouble.of(scale.mpp()) : OptionalDouble.empty();
        this.objective = slide.objectivePower().flatMap(OpenSlideSource::parse).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    public static OpenSlideSource open(Path file) throws IOException {
        try {
            return new OpenSlideSource(Slide.open(file));
        } catch (SlideException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static java.util.Optional<Double> parse(String value) {
        try {
            double parsed = Double.parseDouble(value.strip());
            return parsed > 0 ? java.util.Optional.of(parsed) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public Path file() {
        return slide.file();
    }

    @Override
    public String name() {
        return slide.file().getFileName().toString();
    }

    @Override
    public long width() {
        return slide.width();
    }

    @Override
    public long height() {
        return slide.height();
    }

    @Override
    public int levelCount() {
        return slide.levelCount();
    }

    @Override
    public double downsample(int level) {
        return slide.levelDownsample(level);
    }

    @Override
    public long levelWidth(int level) {
        return slide.levelWidth(level);
    }

    @Override
    public long levelHeight(int level) {
        return slide.levelHeight(level);
    }

    @Override
    public OptionalDouble micronsPerPixel() {
        return mpp;
    }

    @Override
    public OptionalDouble objectivePower() {
        return objective;
    }

    @Override
    public BufferedImage readRegion(long x0, long y0, int level, int w, int h) throws IOException {
        try {
            return slide.readRegion(x0, y0, level, w, h);
        } catch (SlideException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The scanner's stored thumbnail when there is one (fast), else the coarsest level scaled down. */
    @Override
    public BufferedImage thumbnail(int maxSide) throws IOException {
        try {
            if (slide.associatedImageNames().contains("thumbnail")) {
                return scaleToFit(slide.readAssociatedImage("thumbnail"), maxSide);
            }
            int level = slide.levelCount() - 1;
            long w = slide.levelWidth(level);
            long h = slide.levelHeight(level);
            if (w * h > MAX_THUMBNAIL_SOURCE_PIXELS) {
                throw new IOException(slide.file() + ": no thumbnail and the smallest level is too large to read whole");
            }
            return scaleToFit(slide.readRegion(0, 0, level, (int) w, (int) h), maxSide);
        } catch (SlideException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Scales an image down (never up) so its longer side is at most {@code maxSide}, with good quality. */
    public static BufferedImage scaleToFit(BufferedImage image, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        if (scale >= 1.0) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        // Halving steps first: a single bilinear step from far away aliases.
        while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return resize(current, w, h);
    }

    private static BufferedImage resize(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    @Override
    public void close() {
        slide.close();
    }
}
