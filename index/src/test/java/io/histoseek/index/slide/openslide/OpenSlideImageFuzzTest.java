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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged copies of the small slides (truncated, bytes flipped) must either open and read, or
 * fail with a SlideException naming the file; never another exception, never a dead JVM.
 */
class OpenSlideImageFuzzTest {
    private static final List<String> SMALL_SLIDES = List.of(
            SharedSlides.SMALL, SharedSlides.BOXES, SharedSlides.UNREADABLE, SharedSlides.TIFF_05);

    @Test
    void damagedSlidesOpenOrFailCleanly(@TempDir Path temp) throws Exception {
        Random random = new Random(20260530);
        int opened = 0;
        int failed = 0;
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
                if (exercise(copy)) {
                    opened++;
                } else {
                    failed++;
                }
                Files.delete(copy);
            }
        }
        System.out.printf("fuzz: %d variants opened and read, %d failed cleanly%n", opened, failed);
        assertTrue(failed > 0, "some damage must be detected");
    }

    /** True when the copy opened and everything read; false for a clean SlideException. */
    private static boolean exercise(Path copy) {
        try (OpenSlideImage slide = OpenSlideImage.open(copy)) {
            // Every pixel of every level, so damaged tile data is decoded too (at most 4096 px a side).
            for (int level = slide.levelCount() - 1; level >= 0; level--) {
                int w = (int) Math.min(4096, slide.levelWidth(level));
                int h = (int) Math.min(4096, slide.levelHeight(level));
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
            return true;
        } catch (SlideException e) {
            assertTrue(e.getMessage().startsWith(copy.toString()), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            fail(copy + ": " + e, e);
            return false;
        }
    }
}
