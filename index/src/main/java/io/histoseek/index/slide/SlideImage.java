package io.histoseek.index.slide;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A pyramid of pixels one can read a region from: what tiling, query embedding, thumbnails, the
 * gallery and the viewer all read slides through. Coordinates are level-0 pixels whatever level
 * is read; pixels come back as opaque 0xFFRRGGBB, areas outside the scan composited onto white.
 *
 * <p>Implementations allow reads from several threads at once, make {@link #close()} wait for
 * reads in flight, and throw {@link IllegalStateException} for calls after close. An
 * implementation reads levels ({@link #readRegion}); this interface turns any
 * {@link RegionRequest} into level reads and, between levels, resampling.
 */
public interface SlideImage extends AutoCloseable {
    /** Reading a whole level for a thumbnail is only worth it below this many pixels. */
    long MAX_THUMBNAIL_SOURCE_PIXELS = 40_000_000L;

    /** Identifies these pixels in a {@link RegionRequest}: the same file unchanged gives the same id. */
    String id();

    /** The file the pixels come from; errors name it. */
    Path file();

    /** A name to show the user: the file name. */
    default String name() {
        Path name = file().getFileName();
        return name == null ? file().toString() : name.toString();
    }

    long width();

    long height();

    int levelCount();

    /** Level-0 pixels per pixel of this level; not an exact power of two (2.0005 on Aperio). */
    double levelDownsample(int level);

    long levelWidth(int level);

    long levelHeight(int level);

    /** Everything the file says about itself (openslide.*, tiff.*, vendor keys), sorted by name. */
    Map<String, String> properties();

    default Optional<String> property(String name) {
        return Optional.ofNullable(properties().get(name));
    }

    /** Micrometres per level-0 pixel and where that figure comes from (possibly unknown). */
    default PhysicalScale scale() {
        return PhysicalScale.of(this);
    }

    /** The scanner's objective (20, 40), empty when the file does not say. */
    OptionalDouble objectivePower();

    /** Names of the associated images: typically thumbnail, label, macro. */
    List<String> associatedImageNames();

    /** Width and height of an associated image, without decoding it. */
    long[] associatedImageSize(String name) throws SlideException;

    /** Decodes an associated image as TYPE_INT_RGB on white. */
    BufferedImage readAssociatedImage(String name) throws SlideException;

    /**
     * Reads a w x h region of {@code level} whose top-left corner is level-0 (x0, y0) into
     * {@code argb} (row-major, opaque 0xFFRRGGBB on white).
     */
    void readRegion(long x0, long y0, int level, int w, int h, int[] argb) throws SlideException;

    /** Waits for reads in flight, then frees what the image holds. Idempotent. */
    @Override
    void close();

    /**
     * Reads {@code request} into {@code argb} ({@code outputWidth x outputHeight} pixels): one
     * level read when the downsample is exactly a level's, else a read of {@link #levelFor the
     * level for it} resampled to the output size. Level requests ({@link RegionRequest#ofLevel})
     * thus read exactly the level's pixels, as tiling needs.
     */
    default void read(RegionRequest request, int[] argb) throws SlideException {
        int w = request.outputWidth();
        int h = request.outputHeight();
        if (argb.length < (long) w * h) {
            throw new IllegalArgumentException("a " + w + "x" + h + " region does not fit " + argb.length + " pixels");
        }
        for (int level = 0; level < levelCount(); level++) {
            if (levelDownsample(level) == request.downsample()) {
                readRegion(request.x(), request.y(), level, w, h, argb);
                return;
            }
        }
        int level = levelFor(request.downsample());
        double downsample = levelDownsample(level);
        int levelW = (int) Math.max(1, Math.round(request.width() / downsample));
        int levelH = (int) Math.max(1, Math.round(request.height() / downsample));
        int[] source = new int[Math.multiplyExact(levelW, levelH)];
        readRegion(request.x(), request.y(), level, levelW, levelH, source);
        System.arraycopy(Pixels.resize(source, levelW, levelH, w, h), 0, argb, 0, w * h);
    }

    /** As {@link #read(RegionRequest, int[])}, as a TYPE_INT_RGB image. */
    default BufferedImage read(RegionRequest request) throws SlideException {
        int[] pixels = new int[Math.multiplyExact(request.outputWidth(), request.outputHeight())];
        read(request, pixels);
        return Pixels.toImage(pixels, request.outputWidth(), request.outputHeight());
    }

    /**
     * A picture of the whole slide at most {@code maxSide} pixels on its longer side: the
     * scanner's stored thumbnail when there is one (fast), else the whole slide read from the
     * level for that size (refused when that level is too large to read whole).
     */
    default BufferedImage thumbnail(int maxSide) throws SlideException {
        if (associatedImageNames().contains("thumbnail")) {
            return Pixels.scaleToFit(readAssociatedImage("thumbnail"), maxSide);
        }
        RegionRequest whole = RegionRequest.wholeImage(this, maxSide);
        int level = levelFor(whole.downsample());
        if (levelWidth(level) * levelHeight(level) > MAX_THUMBNAIL_SOURCE_PIXELS) {
            throw new SlideException(file(), "no stored thumbnail, and level " + level + " is too large to read whole");
        }
        return read(whole);
    }

    /**
     * The coarsest level whose downsample does not exceed {@code downsample} by more than 1%
     * (level 0 when zoomed in further): the level to read a region at this downsample from,
     * scaled down (or, within the 1%, up) to it.
     */
    default int levelFor(double downsample) {
        int best = 0;
        for (int level = 1; level < levelCount(); level++) {
            if (levelDownsample(level) <= downsample * 1.01) {
                best = level;
            }
        }
        return best;
    }
}
