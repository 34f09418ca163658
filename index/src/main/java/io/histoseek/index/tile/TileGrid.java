package io.histoseek.index.tile;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.SlideException;
import io.histoseek.model.TileSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tissue tiles of a slide at the model's scale ({@link TileSpec#DEFAULT}: 224x224 output
 * pixels at 0.5 um/px), i.e. level-0 squares of 224 * 0.5 / mpp pixels, laid on a grid that steps
 * the spec's stride from the slide's origin (or its openslide.bounds when the format has them).
 * Only whole tiles inside the slide count.
 *
 * <p>Positions and size are multiples of the read level's downsample (rounded), stepping by the
 * exact fractional size so rounding never accumulates. Reads are then pixel-aligned at that
 * level (OpenSlide does no sub-pixel shifting), and a 0.25 um/px scan read from its 2x level
 * lands on exactly twice the positions of the same tissue at 0.5 um/px, 224 level pixels each.
 * The cost is a tile side off by at most half a pixel of that level (0.2%).
 */
public final class TileGrid {
    private static final TileSpec SPEC = TileSpec.DEFAULT;
    /**
     * Default minimum tissue fraction: a tile at least 25% tissue shows morphology worth finding
     * (and includes tissue borders, which pathologists do query), while tiles mostly of glass
     * give near-identical "empty" embeddings that would crowd every search result. On the CMU
     * skin section 0.25 keeps the epidermis edge and loose fragments and drops the glass rim.
     */
    public static final float DEFAULT_MIN_TISSUE = 0.25f;
    /** Mask pixels per tile side: enough to measure the tissue fraction in steps of ~1/64. */
    static final int MASK_PIXELS_PER_TILE = 8;
    /** Slides are allowed up to this much coarser than 0.5 um/px before being refused (scanner rounding). */
    static final double COARSER_TOLERANCE = 1.02;

    private final double exactSize;
    private final int size;
    private final int columns;
    private final int rows;
    private final List<TilePosition> tiles;

    private TileGrid(double exactSize, int size, int columns, int rows, List<TilePosition> tiles) {
        this.exactSize = exactSize;
        this.size = size;
        this.columns = columns;
        this.rows = rows;
        this.tiles = List.copyOf(tiles);
    }

    /** Tissue tiles with the default threshold; refuses unknown and coarser-than-0.5 scales. */
    public static TileGrid plan(SlideImage slide, PhysicalScale scale) throws SlideException {
        requireTileable(slide, scale, false);
        TissueMask mask = TissueDetector.detect(slide, maskScale(scale));
        return plan(slide, scale, mask, DEFAULT_MIN_TISSUE, false);
    }

    /** The mask resolution (level-0 pixels per mask pixel) the grid wants for this scale. */
    public static double maskScale(PhysicalScale scale) {
        return exactTileSize(scale) / MASK_PIXELS_PER_TILE;
    }

    /** Level-0 pixels per tile side at this scale (fractional). */
    public static double exactTileSize(PhysicalScale scale) {
        if (!scale.known()) {
            throw new IllegalArgumentException("physical scale unknown (the file records neither an mpp nor an objective power); give it with --mpp");
        }
        return SPEC.levelZeroSide(scale.mpp());
    }

    /**
     * All grid squares with tissue fraction >= minTissue (0 keeps every square). A slide coarser
     * than 0.5 um/px is refused unless {@code allowCoarser} (its tiles would be upsampled).
     */
    public static TileGrid plan(SlideImage slide, PhysicalScale scale, TissueMask mask, double minTissue,
                                boolean allowCoarser) throws SlideException {
        requireTileable(slide, scale, allowCoarser);
        double exact = exactTileSize(scale);
        double step = SPEC.levelZeroStride(scale.mpp());
        long snap = Math.max(1, Math.round(slide.levelDownsample(TileReader.levelFor(slide, (int) Math.round(exact)))));
        int size = (int) (snap * Math.max(1, Math.round(exact / snap)));
        long originX = longProperty(slide, "openslide.bounds-x", 0);
        long originY = longProperty(slide, "openslide.bounds-y", 0);
        long extentX = longProperty(slide, "openslide.bounds-width", slide.width() - originX);
        long extentY = longProperty(slide, "openslide.bounds-height", slide.height() - originY);
        long limitX = Math.min(slide.width(), originX + extentX);
        long limitY = Math.min(slide.height(), originY + extentY);
        List<TilePosition> kept = new ArrayList<>();
        int columns = 0;
        int rows = 0;
        for (int row = 0; ; row++) {
            long y = originY + snap * Math.round(row * step / snap);
            if (y + size > limitY) {
                break;
            }
            rows++;
            columns = 0;
            for (int column = 0; ; column++) {
                long x = originX + snap * Math.round(column * step / snap);
                if (x + size > limitX) {
                    break;
                }
                columns++;
                float fraction = mask.fraction(x, y, size);
                if (fraction >= minTissue) {
                    kept.add(new TilePosition(x, y, size, fraction));
                }
            }
        }
        return new TileGrid(exact, size, columns, rows, kept);
    }

    private static void requireTileable(SlideImage slide, PhysicalScale scale, boolean allowCoarser) throws SlideException {
        if (!scale.known()) {
            throw new SlideException(slide.file(),
                    "physical scale unknown (the file records neither an mpp nor an objective power); give it with --mpp");
        }
        if (!allowCoarser && tooCoarse(scale)) {
            throw new SlideException(slide.file(), String.format(Locale.ROOT,
                    "%s um/px is coarser than the %.1f um/px the model was trained at; refusing to upsample",
                    scale.describe(), SPEC.micronsPerPixel()));
        }
    }

    /** True when tiles at this scale would need upsampling beyond scanner rounding (refused by default). */
    public static boolean tooCoarse(PhysicalScale scale) {
        return scale.known() && scale.mpp() > SPEC.micronsPerPixel() * COARSER_TOLERANCE;
    }

    private static long longProperty(SlideImage slide, String name, long fallback) {
        try {
            return slide.property(name).map(Long::parseLong).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The kept tiles, row by row. */
    public List<TilePosition> tiles() {
        return tiles;
    }

    /** Level-0 pixels per tile side (snapped, what every TilePosition reports). */
    public int tileSize() {
        return size;
    }

    /** Level-0 pixels per tile side before snapping; grid steps use it. */
    public double exactTileSize() {
        return exactSize;
    }

    /** Grid columns and rows before the tissue filter. */
    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }
}
