package io.histoseek.app;

import io.histoseek.app.gui.GuiTestSupport;
import io.histoseek.index.pipeline.IndexingJob;
import io.histoseek.index.pipeline.IndexingListener;
import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.pipeline.IndexingSummary;
import io.histoseek.index.pipeline.TilingOptions;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Precision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * A temp copy of some shared slides (one under a hostile name, one that cannot be read, one
 * without mpp) and, once per test JVM, an archive of them indexed with the tiny model.
 */
public final class TestArchive {
    /** A real file name full of HTML/CSV/JSON specials: the export must escape it everywhere. */
    public static final String HOSTILE_NAME = "<img src=x onerror=alert(1)> & \"quoted\", 'x'.tif";
    public static final String AGENT = "CMU-1-Small-Region.svs";
    public static final String QUARTER = "CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif";

    private static TestArchive indexed;

    public final Path slides;
    public final Path archive;

    private TestArchive(Path slides, Path archive) {
        this.slides = slides;
        this.archive = archive;
    }

    /** Copies the slides into a fresh temp folder (no archive yet). */
    public static TestArchive copySlides() throws IOException {
        Path root = Files.createTempDirectory("histoseek-gui-test");
        Path slides = Files.createDirectories(root.resolve("slides"));
        Path shared = SharedTestData.slides();
        Files.copy(shared.resolve(AGENT), slides.resolve(AGENT));
        Files.copy(shared.resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif"), slides.resolve(HOSTILE_NAME));
        Files.createDirectories(slides.resolve("upsampled"));
        Files.copy(shared.resolve("constructed/" + QUARTER), slides.resolve("upsampled").resolve(QUARTER));
        Files.createDirectories(slides.resolve("broken"));
        Files.copy(shared.resolve("invalid/unreadable.svs"), slides.resolve("broken/unreadable.svs"));
        Files.copy(shared.resolve("tcga-cr-7395-01a-01-ts1.svs"), slides.resolve("tcga-cr-7395-01a-01-ts1.svs"));
        return new TestArchive(slides, root.resolve("archive"));
    }

    public static synchronized TestArchive indexed() throws Exception {
        if (indexed == null) {
            TestArchive fresh = copySlides();
            IndexingSummary summary = IndexingJob.start(fresh.request(), IndexingListener.NONE).await();
            if (summary.embedded() < 3) {
                throw new IllegalStateException("test archive: expected 3 embedded slides, got " + summary);
            }
            indexed = fresh;
        }
        return indexed;
    }

    public IndexingRequest request() {
        return new IndexingRequest(List.of(slides), archive, SharedTestData.tinyCheckpoint(),
                new EncoderOptions(Device.CPU, Precision.FP32, 16, OptionalInt.of(3)), 2, TilingOptions.defaults());
    }

    public Path slide(String name) {
        return name.equals(QUARTER) ? slides.resolve("upsampled").resolve(QUARTER) : slides.resolve(name);
    }
}
