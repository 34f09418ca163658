package io.histoseek.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TileFitTest {
    @TempDir
    Path temp;

    /**
     * CRC32 of the fitted RGB bytes and two pixels, as Pillow 9.4 gives them for the same synthetic
     * images: {@code im.resize(size, Image.BICUBIC)} to torchvision's Resize(224) size (or the
     * physical rescale), then CenterCrop(224) with Python's round. Made once with:
     * <pre>
     * px[x, y] = ((x*37 + y*11) % 256, (x*y + 3*x) % 256, ((x//7)*50 + (y//5)*30) % 256)
     * short, long = sorted((w, h)); size = 224 x int(224*long/short)   # or round(w*mpp/0.5) x round(h*mpp/0.5)
     * out = im.resize(size, Image.BICUBIC).crop((left, top, left+224, top+224)); zlib.crc32(out.tobytes())
     * </pre>
     */
    @Test
    void fittingMatchesPillowAndTorchvisionExactly() {
        check(300, 260, null, 816764616L, new int[] {225, 62, 100}, new int[] {95, 98, 160});
        check(150, 200, null, 3384725118L, new int[] {4, 0, 141}, new int[] {108, 21, 92});
        check(224, 224, null, 2499799671L, new int[] {0, 0, 0}, new int[] {126, 4, 56});
        check(500, 301, null, 2613327053L, new int[] {104, 62, 188}, new int[] {62, 186, 152});
        check(300, 300, 1.0, 3483054053L, new int[] {148, 109, 164}, new int[] {218, 164, 234});
        check(600, 500, 0.25, 3729576335L, new int[] {52, 132, 164}, new int[] {60, 103, 120});
        check(230, 229, 0.5, 3089136160L, new int[] {133, 15, 0}, new int[] {3, 156, 106});
    }

    private static void check(int width, int height, Double mpp, long crc, int[] topLeft, int[] at111x57) {
        int[] pixels = TileFit.pixels(synthetic(width, height), mpp == null ? OptionalDouble.empty() : OptionalDouble.of(mpp));
        assertEquals(224 * 224, pixels.length);
        CRC32 sum = new CRC32();
        for (int p : pixels) {
            sum.update((p >> 16) & 0xFF);
            sum.update((p >> 8) & 0xFF);
            sum.update(p & 0xFF);
        }
        String what = width + "x" + height + " at " + mpp;
        assertArrayEquals(topLeft, rgb(pixels[0]), what);
        assertArrayEquals(at111x57, rgb(pixels[57 * 224 + 111]), what);
        assertEquals(crc, sum.getValue(), what);
    }

    @Test
    void aTileSizedImageIsTakenAsItIsAndAlphaIsDropped() {
        BufferedImage rgba = new BufferedImage(224, 224, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) rgba.setRGB(x, y, ((x + y) & 0xFF) << 24 | (x & 0xFF) << 16 | (y & 0xFF) << 8 | 0x40);
        }
        int[] pixels = TileFit.pixels(rgba, OptionalDouble.empty());
        assertArrayEquals(rgb(rgba.getRGB(10, 20)), rgb(pixels[20 * 224 + 10]));
        assertArrayEquals(new int[] {10, 20, 0x40}, rgb(pixels[20 * 224 + 10]));
        assertArrayEquals(Preprocessing.normalize(rgba), Preprocessing.normalizeArgb(pixels));
    }

    @Test
    void greyImagesKeepTheirValues() {
        BufferedImage grey = new BufferedImage(224, 224, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(5, 6, 0, 100);
        int[] pixels = TileFit.pixels(grey, OptionalDouble.empty());
        assertArrayEquals(new int[] {100, 100, 100}, rgb(pixels[6 * 224 + 5]));
        assertArrayEquals(new int[] {0, 0, 0}, rgb(pixels[0]));
    }

    @Test
    void aTileTooSmallForItsScaleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TileFit.pixels(synthetic(96, 96), OptionalDouble.of(0.97)));
        assertEquals("96x96 pixels at 0.97 um/px cover 93x93 um; a tile needs 112x112 um", e.getMessage());
    }

    @Test
    void filesOfAnySizeReadFittedAndTileSizedOnesReadTheSameBothWays() throws IOException {
        Path big = temp.resolve("big.png");
        ImageIO.write(synthetic(300, 260), "png", big.toFile());
        Path tile = temp.resolve("tile.png");
        ImageIO.write(synthetic(224, 224), "png", tile.toFile());
        assertArrayEquals(Preprocessing.normalizeArgb(TileFit.pixels(synthetic(300, 260), OptionalDouble.empty())),
                TileImageFile.readFitted(big, OptionalDouble.empty()));
        assertArrayEquals(TileImageFile.readTileSized(tile), TileImageFile.readFitted(tile, OptionalDouble.empty()));
        IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class, () -> TileImageFile.readTileSized(big));
        assertEquals(big + ": image is 300x260 pixels; tiles must be 224x224", wrongSize.getMessage());
        Path text = Files.writeString(temp.resolve("notes.png"), "not a picture");
        IllegalArgumentException notImage = assertThrows(IllegalArgumentException.class,
                () -> TileImageFile.readFitted(text, OptionalDouble.empty()));
        assertTrue(notImage.getMessage().startsWith(text + ": not an image"), notImage.getMessage());
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> TileImageFile.readFitted(big, OptionalDouble.of(0.2)));
        assertTrue(tooSmall.getMessage().startsWith(big + ": 300x260 pixels at 0.2 um/px"), tooSmall.getMessage());
    }

    static BufferedImage synthetic(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 37 + y * 11) % 256;
                int g = (x * y + 3 * x) % 256;
                int b = ((x / 7) * 50 + (y / 5) * 30) % 256;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int[] rgb(int argb) {
        return new int[] {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF};
    }
}
