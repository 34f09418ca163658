package io.histoseek.index.slide.openslide;

import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.SlideException;

import io.histoseek.index.tile.TileReader;
import io.histoseek.index.tile.TilePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged copies of the small slides (truncated, bytes flipped): every copy either opens and reads
 * every level, its associated images and a tile, or fails with a one-line SlideException naming
 * the file and a reason; never another exception, never a dead JVM. Both outcomes are counted.
 */
class OpenSlideImageFuzzTest {
    private static final List<String> SMALL_SLIDES = List.of(
            SharedSlides.SMALL, SharedSlides.BOXES, SharedSlides.UNREADABLE, SharedSlides.TIFF_05);
    /** Levels are read whole up to this many pixels a side: a damaged header may claim gigapixels. */
    private static final int MAX_SIDE = 4096;

    private enum Outcome { READ, FAILED_CLEANLY }

    @Test
    void theUndamagedSlidesReadAndTheUnreadableOneFailsCleanly() throws Exception {
        for (String name : SMALL_SLIDES) {
            Path original = get(name);
            assertEquals(name.equals(SharedSlides.UNREADABLE) ? Outcome.FAILED_CLEANLY : Outcome.READ, exercise(original), name);
        }
    }

    @Test
    void everyDamagedCopyReadsFullyOrFailsInOneLineNamingTheFile(@TempDir Path temp) throws Exception {
        Random random = new Random(20260530);
        int read = 0;
        int failed = 0;
        int variantsTotal = 0;
        for (String name : SMALL_SLIDES) {
            byte[] original = Files.readAllBytes(get(name));
            String suffix = name.substring(name.lastIndexOf('.'));
            int variants = original.length > 100_000 ? 12 : 40;
            for (int v = 0; v < variants; v++) {
                byte[] damaged;
                if (v % 4 == 0) {
                    damaged = Arrays.copyOf(original, random.nextInt(original.length));
                } else {
                    damaged = original.clone();
                    int flips = 1 + random.nextInt(16);
                    // Headers and directories live near the start of small files: bias flips there.
                    int region = v % 2 == 0 ? Math.min(original.length, 4096) : original.length;
                    for (int f = 0; f < flips; f++) {
                        damaged[random.nextInt(region)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                Path copy = temp.resolve("fuzz-" + v + "-" + Path.of(name).getFileName().toString().replace(suffix, "") + suffix);
                Files.write(copy, damaged);
                switch (exercise(copy)) {
                    case READ -> read++;
                    case FAILED_CLEANLY -> failed++;
                }
                variantsTotal++;
                Files.delete(copy);
            }
        }
        System.out.printf("fuzz: %d damaged copies: %d opened and read fully, %d failed with a one-line SlideException%n",
                variantsTotal, read, failed);
        assertEquals(variantsTotal, read + failed);
        assertTrue(read > 0 && failed > 0, "both outcomes occur with this seed: " + read + " read, " + failed + " failed");
    }

    /** READ when the file opened and everything read; FAILED_CLEANLY for a one-line SlideException naming it; else the test fails. */
    private static Outcome exercise(Path file) {
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            for (int level = slide.levelCount() - 1; level >= 0; level--) {
                int w = (int) Math.min(MAX_SIDE, slide.levelWidth(level));
                int h = (int) Math.min(MAX_SIDE, slide.levelHeight(level));
                int[] strip = new int[w * 256];
                double downsample = slide.levelDownsample(level);
                for (int top = 0; top < h; top += 256) {
                    slide.readRegion(0, Math.round(top * downsample), level, w, Math.min(256, h - top), strip);
                }
            }
            for (String associated : slide.associatedImageNames()) {
                slide.readAssociatedImage(associated);
            }
            new TileReader(slide).read(new TilePosition(0, 0, 32, 1f));
            return Outcome.READ;
        } catch (SlideException e) {
            String message = e.getMessage();
            assertTrue(message.startsWith(file + ": ") && !message.substring(file.toString().length() + 2).isBlank(),
                    "names the file and a reason: " + message);
            assertFalse(message.contains("\n") || message.contains("\r"), message);
            return Outcome.FAILED_CLEANLY;
        } catch (RuntimeException e) {
            return fail(file + ": neither read nor a SlideException: " + e, e);
        }
    }
}
