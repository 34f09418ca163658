package io.histoseek.index.pipeline;

import io.histoseek.index.archive.ArchiveAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlideFileScannerTest {
    @Test
    void findsEverySharedSlideAndNoCompanionFile() {
        Path slides = SharedData.slides();
        List<String> found = new SlideFileScanner(Set.of()).scan(List.of(slides)).stream()
                .map(p -> slides.relativize(p).toString()).toList();
        assertEquals(List.of(
                "CMU-1-Small-Region.svs",
                "constructed/CMU-1-Small-Region-mirax.mrxs",
                "constructed/CMU-1-Small-Region-vms/CMU-1-Small-Region-vms.vms",
                "constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif",
                "constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif",
                "invalid/unopenable.tiff",
                "invalid/unreadable.svs",
                "synthetic/boxes.tiff",
                "synthetic/small.svs",
                "tcga-cr-7395-01a-01-ts1.svs"), found);
    }

    @Test
    void skipsMiraxDataFoldersHiddenFilesAndTheArchive(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("case/scan"));
        Files.writeString(dir.resolve("case/scan.mrxs"), "x");
        Files.writeString(dir.resolve("case/scan/Data0000.dat"), "x");
        Files.writeString(dir.resolve("case/scan/stray.tif"), "x");  // inside MIRAX data: not a slide
        Files.writeString(dir.resolve("case/a.NDPI"), "x");
        Files.writeString(dir.resolve("case/.hidden.svs"), "x");
        Files.writeString(dir.resolve("case/notes.txt"), "x");
        Files.writeString(dir.resolve("case/slide.vms"), "x");
        Files.writeString(dir.resolve("case/slide.jpg"), "x");
        Files.createDirectories(dir.resolve("archive"));
        Files.writeString(dir.resolve("archive/cached.tif"), "x");

        List<Path> found = new SlideFileScanner(Set.of(dir.resolve("archive"))).scan(List.of(dir));

        Path real = dir.toRealPath();
        assertEquals(List.of(real.resolve("case/a.NDPI"), real.resolve("case/scan.mrxs"), real.resolve("case/slide.vms")), found);
    }

    @Test
    void skipsTheArchiveFolderOnlyWhenTheArchiveIsLocal(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("archive"));
        Path cached = Files.writeString(dir.resolve("archive/cached.tif"), "x");
        Path slide = Files.writeString(dir.resolve("a.svs"), "x");

        assertEquals(List.of(slide.toRealPath()), SlideFileScanner.outside(ArchiveAddress.of(dir.resolve("archive"))).scan(List.of(dir)));
        assertEquals(List.of(slide.toRealPath(), cached.toRealPath()),
                SlideFileScanner.outside(ArchiveAddress.of("solr://127.0.0.1:2181/archive")).scan(List.of(dir)));
    }

    @Test
    void acceptsASlideFileAndRefusesOtherFilesAndMissingFolders(@TempDir Path dir) throws IOException {
        Path slide = Files.writeString(dir.resolve("one.svs"), "x");
        Path text = Files.writeString(dir.resolve("one.txt"), "x");
        assertEquals(List.of(slide.toRealPath()), new SlideFileScanner(Set.of()).scan(List.of(slide)));
        var notSlide = assertThrows(IllegalArgumentException.class, () -> new SlideFileScanner(Set.of()).scan(List.of(text)));
        assertTrue(notSlide.getMessage().startsWith(text + ": not a slide file"), notSlide.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> new SlideFileScanner(Set.of()).scan(List.of(dir.resolve("nope"))));
        assertEquals(dir.resolve("nope") + ": no such folder", missing.getMessage());
    }
}
