package io.histoseek.index.features;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveCounts;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.slide.SharedSlides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slides imported by name attached to their files found later: real imports, real slide files read with OpenSlide. */
class NameOnlySlidesTest {
    @TempDir
    Path dir;

    @Test
    void slidesImportedByNameAreAttachedToTheirFilesAsImportWouldHaveStoredThem() throws IOException {
        Path archive = dir.resolve("archive");
        Path good = SharedFeatures.get(SharedFeatures.GOOD);
        Path elsewhere = SharedFeatures.get(SharedFeatures.ELSEWHERE);
        FeatureImportTest.importFiles(archive, Optional.empty(), Optional.empty(), good, elsewhere);
        String before = tilesAndVectors(archive);
        Path slides = dir.resolve("slides");
        copy(SharedSlides.get(SharedSlides.CMU), slides.resolve("deep/CMU-1-Small-Region.svs"));
        // A slide without an mpp of its own: the features file's magnification (10 / 20x) stays its scale, as import gives it.
        copy(SharedSlides.get(SharedSlides.TCGA), slides.resolve("case-0042.svs"));

        NameOnlySlides.Outcome outcome;
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("relink"))) {
            writer.relink(slides);
            NameOnlySlides named = NameOnlySlides.find(writer, slides, Set.of());
            assertEquals(2, named.count());
            assertEquals(2, named.withFiles());
            outcome = named.attach(writer);
        }
        assertEquals(new NameOnlySlides.Outcome(List.of(
                new NameOnlySlides.Attached("CMU-1-Small-Region", "deep/CMU-1-Small-Region.svs"),
                new NameOnlySlides.Attached("case-0042", "case-0042.svs")), List.of(), 2), outcome);
        assertEquals(before.replace("CMU-1-Small-Region\t", "deep/CMU-1-Small-Region.svs\t").replace("case-0042\t", "case-0042.svs\t"),
                tilesAndVectors(archive), "the same tile ids, places and vector bits, now under the files' paths");

        // The metadata an import that found the files stores (root = --slides, the same stored paths).
        Path imported = dir.resolve("imported");
        FeatureImportTest.importFiles(imported, Optional.of(slides), Optional.empty(), good, elsewhere);
        try (Archive attached = Archives.openForReading(archive); Archive direct = Archives.openForReading(imported)) {
            assertEquals(new ArchiveCounts(2, 0, 0, 0, 91), attached.counts());
            for (String path : List.of("deep/CMU-1-Small-Region.svs", "case-0042.svs")) {
                SlideRecord slide = attached.slide(path).orElseThrow();
                assertEquals(SlideStatus.INDEXED, slide.status());
                assertEquals(direct.slide(path).orElseThrow().metadata(), slide.metadata(), path);
            }
            SlideMetadata cmu = attached.slide("deep/CMU-1-Small-Region.svs").orElseThrow().metadata();
            assertEquals(List.of(2220L, 2967L, 0.499, "slide", "aperio"), List.of(cmu.width(), cmu.height(), cmu.mpp(), cmu.mppSource(), cmu.vendor()));
            SlideMetadata tcga = attached.slide("case-0042.svs").orElseThrow().metadata();
            assertEquals(List.of(4443L, 0.5, "objective-power (estimate)"), List.of(tcga.width(), tcga.mpp(), tcga.mppSource()));
            assertEquals(Files.size(slides.resolve("case-0042.svs")), tcga.sizeBytes());
        }
    }

    @Test
    void anAmbiguousAnUnreadableOrATakenMatchIsToldAndTheRestAttached() throws IOException {
        Path archive = dir.resolve("archive");
        Path features = dir.resolve("features");
        for (String name : List.of("case-0042", "s042", "s043", "s044", "taken")) {
            copy(SharedFeatures.get(SharedFeatures.ELSEWHERE), features.resolve(name + ".h5"));
        }
        FeatureImportTest.importFiles(archive, Optional.empty(), Optional.empty(), features);
        Path slides = dir.resolve("slides");
        copy(SharedSlides.get(SharedSlides.CMU), slides.resolve("a/case-0042.svs"));
        copy(SharedSlides.get(SharedSlides.SMALL), slides.resolve("b/case-0042.svs"));
        copy(SharedSlides.get(SharedSlides.UNOPENABLE), slides.resolve("s042.tiff"));
        copy(SharedSlides.get(SharedSlides.CMU), slides.resolve("s043.svs"));
        copy(SharedSlides.get(SharedSlides.SMALL), slides.resolve("taken.svs"));
        Map<Long, SlideRecord> before = new HashMap<>();
        NameOnlySlides.Outcome outcome;
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("relink"))) {
            writer.relink(slides);
            writer.markPending(new SlideMetadata("taken.svs", 1, 1, null, null, 0, "", 0, 0)); // indexed from its file meanwhile
            for (SlideRecord slide : writer.slides()) before.put(slide.id(), slide);
            NameOnlySlides named = NameOnlySlides.find(writer, slides, Set.of());
            assertEquals(5, named.count());
            assertEquals(4, named.withFiles(), "s044 has no file");
            outcome = named.attach(writer);
        }
        assertEquals(List.of(new NameOnlySlides.Attached("s043", "s043.svs")), outcome.attached());
        assertEquals(5, outcome.nameOnly());
        assertEquals(3, outcome.problems().size(), outcome.problems().toString());
        assertEquals("case-0042: 2 slides named case-0042 under " + slides + " (" + slides.resolve("a/case-0042.svs") + ", "
                + slides.resolve("b/case-0042.svs") + ")", outcome.problems().get(0));
        assertTrue(outcome.problems().get(1).startsWith("s042: " + slides.resolve("s042.tiff") + ": "), outcome.problems().get(1));
        assertEquals("taken: " + slides.resolve("taken.svs") + " is already another slide of the archive (remove one of them)",
                outcome.problems().get(2));
        for (String problem : outcome.problems()) assertTrue(problem.lines().count() == 1, problem);
        try (Archive store = Archives.openForReading(archive)) {
            assertEquals(before.keySet().size(), store.slides().size());
            for (SlideRecord slide : store.slides()) {
                SlideRecord was = before.get(slide.id());
                if (slide.path().equals("s043.svs")) {
                    assertEquals("s043", was.path());
                    assertEquals(SlideStatus.INDEXED, slide.status());
                } else {
                    assertEquals(was, slide, "only s043 changed");
                }
            }
            assertEquals(new ArchiveCounts(1, 0, 1, 4, 200), store.counts());
        }
    }

    @Test
    void anMppGivenAtImportStillOverridesTheFilesAsItWouldHaveThen() throws IOException {
        Path archive = dir.resolve("archive");
        new FeatureImport(new ImportRequest(archive, List.of(SharedFeatures.get(SharedFeatures.GOOD)), Optional.empty(), 0.25,
                Optional.empty(), java.time.Duration.ZERO), ImportListener.NONE, () -> false).run();
        Path slides = dir.resolve("slides");
        copy(SharedSlides.get(SharedSlides.CMU), slides.resolve("CMU-1-Small-Region.svs"));
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("relink"))) {
            writer.relink(slides);
            assertEquals(1, NameOnlySlides.find(writer, slides, Set.of()).attach(writer).attached().size());
            SlideMetadata attached = writer.slide("CMU-1-Small-Region.svs").orElseThrow().metadata();
            assertEquals(List.of(0.25, "user", 2220L), List.of(attached.mpp(), attached.mppSource(), attached.width()));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    /** Every tile as "stored path TAB tile (id, slide id, place) TAB its vector's exact bits", in tile id order. */
    private static String tilesAndVectors(Path archive) {
        Map<TileRecord, String> paths = new TreeMap<>(Comparator.comparingLong(TileRecord::id));
        List<String> lines = new ArrayList<>();
        try (Archive store = Archives.openForReading(archive)) {
            store.forEachTile((path, tile) -> paths.put(tile, path));
            paths.forEach((tile, path) -> lines.add(path + "\t" + tile + "\t" + bits(store.vectors().vector(tile.id()).orElseThrow())));
            assertEquals(lines.size(), store.vectors().count());
        }
        return String.join("\n", lines);
    }

    private static String bits(float[] vector) {
        int[] bits = new int[vector.length];
        for (int i = 0; i < vector.length; i++) bits[i] = Float.floatToRawIntBits(vector[i]);
        return Arrays.toString(bits);
    }
}
