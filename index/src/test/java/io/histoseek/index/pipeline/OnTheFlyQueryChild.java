package io.histoseek.index.pipeline;

import io.histoseek.model.load.Encoders;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * An on-the-fly query over a whole slide in a JVM of its own, for the test that runs it with a
 * heap too small for the slide's tiles as tensors. Args: CHECKPOINT SLIDE MPP. Prints
 * {@code tiles N embedded M} and the peak heap in MB.
 */
public final class OnTheFlyQueryChild {
    private OnTheFlyQueryChild() {}

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        Path slide = Path.of(args[1]);
        EncoderSettings settings = new EncoderSettings(checkpoint, OptionalInt.of(3),
                new TilingOptions(null, Double.valueOf(args[2])));
        try (SlideQueryEmbedder embedder = new SlideQueryEmbedder(settings, Encoders.inspect(checkpoint, OptionalInt.of(3)))) {
            RegionEmbedding region = embedder.embedRegion(slide, 0, 0, 20_000, 20_000).orElseThrow();
            System.out.println("tiles " + region.tilesInRegion() + " embedded " + region.tilesEmbedded());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peak heap MB " + peak / (1 << 20));
    }
}
