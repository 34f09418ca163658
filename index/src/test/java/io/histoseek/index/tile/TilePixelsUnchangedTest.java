package io.histoseek.index.tile;

import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every tile of the shared slides (position, size, tissue fraction and all 224x224 pixels) is the
 * same as the tiler produced before slides were read through SlideImage: the digests below were
 * printed by the same loop on commit 82bd5ad (index.slide.Slide, readRegion). Changing them means
 * changing what archives store: a new archive for everyone.
 */
class TilePixelsUnchangedTest {
    @ParameterizedTest
    @CsvSource({
            SharedSlides.CMU + ", 51, 19ba3efee30f4bc0fd06b1eeb81f1fb1fb5aaa9754d281a70d5dffb16fb81593",
            SharedSlides.TIFF_05 + ", 51, edb894f6d2397fe2dc95fba691c44ab4268e91f673889a1b09222f21e13a2b42",
            SharedSlides.TIFF_025 + ", 51, c9102e28cc4c3abdbf8bbf8368de01df1d048f2879b75d40945e1e9e9b06f874",
            // No mpp in the file: at an assumed 0.25 um/px its tiles come from level 1 (downsample 2.0005).
            SharedSlides.TCGA + ", 48, f2a37003dacb85605fe09c3d42ff5e616883f9370664e107ebc391f699fe9267",
            SharedSlides.VMS + ", 52, f36c6eb3a5db4c53542f1e3d8ec472ec03da36d0006a46a3ef49dd5dd11fff90",
            SharedSlides.MIRAX + ", 44, 2e6f46028c57bd494a1291838e13331d5393fcd39724571e7e8f6cb38c3a06e3",
    })
    void tilesAreThoseOfBefore(String file, int count, String digest) throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(get(file))) {
            PhysicalScale scale = slide.scale().known() ? slide.scale() : PhysicalScale.assumed(0.25);
            List<TilePosition> tiles = TileGrid.plan(slide, scale).tiles();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            TileReader reader = new TileReader(slide);
            int[] pixels = new int[224 * 224];
            ByteBuffer bytes = ByteBuffer.allocate(pixels.length * Integer.BYTES);
            for (TilePosition tile : tiles) {
                sha.update(tile.toString().getBytes(StandardCharsets.UTF_8));
                reader.read(tile, pixels);
                bytes.clear();
                bytes.asIntBuffer().put(pixels);
                sha.update(bytes.array());
            }
            assertEquals(count, tiles.size());
            assertEquals(digest, HexFormat.of().formatHex(sha.digest()));
        }
    }
}
