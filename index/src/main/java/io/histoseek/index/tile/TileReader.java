package io.histoseek.index.tile;

import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.SlideException;
import io.histoseek.model.Preprocessing;
import io.histoseek.model.TileSpec;

/**
 * Reads tiles of one slide at {@link TileSpec#DEFAULT} (224x224 pixels at 0.5 um/px): from the
 * coarsest pyramid level that still has at least the needed resolution, area-averaged down to the
 * tile's pixels. Not thread-safe (it owns
 * its scratch buffers): use one reader per thread; the SlideImage underneath is shared.
 */
public final class TileReader {
    private static final int TILE = TileSpec.DEFAULT.pixels();
    /**
     * Level downsamples are not exact (2.0005 on Aperio): a level within this fraction short of
     * 224 px per tile still counts as fine enough, and its 224 px are read as is.
     */
    static final double DOWNSAMPLE_SLACK = 0.005;

    private final SlideImage slide;
    private final AreaResampler resampler = new AreaResampler(TILE);
    private int[] source = new int[TILE * TILE];

    public TileReader(SlideImage slide) {
        this.slide = slide;
    }

    public SlideImage slide() {
        return slide;
    }

    /** The level a tile of {@code size} level-0 pixels is read from. */
    public static int levelFor(SlideImage slide, int size) {
        int best = 0;
        for (int level = 1; level < slide.levelCount(); level++) {
            if (size / slide.levelDownsample(level) >= TILE * (1 - DOWNSAMPLE_SLACK)) {
                best = level;
            }
        }
        return best;
    }

    /** Reads a tile into {@code argb} (one opaque 0xFFRRGGBB pixel per tile pixel, row-major). */
    public void read(TilePosition tile, int[] argb) throws SlideException {
        if (argb.length < TILE * TILE) {
            throw new IllegalArgumentException("a tile needs " + TILE * TILE + " pixels, got " + argb.length);
        }
        int level = levelFor(slide, tile.size());
        double extent = tile.size() / slide.levelDownsample(level);
        if (extent < TILE && extent >= TILE * (1 - DOWNSAMPLE_SLACK)) {
            extent = TILE;
        }
        int side = AreaResampler.sourceSize(extent);
        RegionRequest region = RegionRequest.ofLevel(slide, level, tile.x(), tile.y(), side, side);
        if (side == TILE && extent == TILE) {
            slide.read(region, argb);
            return;
        }
        if (source.length < side * side) {
            source = new int[side * side];
        }
        slide.read(region, source);
        resampler.resample(source, side, extent, argb);
    }

    public int[] read(TilePosition tile) throws SlideException {
        int[] argb = new int[TILE * TILE];
        read(tile, argb);
        return argb;
    }

    /**
     * Reads a tile and writes the model's normalized CHW float tensor at {@code out[offset]}
     * ({@link Preprocessing#TENSOR_LENGTH} floats). {@code scratch} holds the pixels.
     */
    public void readNormalized(TilePosition tile, int[] scratch, float[] out, int offset) throws SlideException {
        read(tile, scratch);
        Preprocessing.normalizeArgb(scratch, out, offset);
    }
}
