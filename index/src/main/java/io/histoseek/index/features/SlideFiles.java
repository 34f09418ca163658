package io.histoseek.index.features;

import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.pipeline.SlideFileScanner;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.openslide.OpenSlideImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The slide files under a folder (recursively, the extensions {@code index} knows) by file stem:
 * how a features file, or a slide known by name, finds its slide file; and the metadata such a
 * slide is stored with. Import and relink both go through here.
 */
final class SlideFiles {
    private final Path folder;
    private final Map<String, List<Path>> byStem = new HashMap<>();

    /** Scans {@code folder}, skipping the folders in {@code notScanned} (the archive's own). */
    SlideFiles(Path folder, Set<Path> notScanned) {
        this.folder = folder;
        for (Path slide : new SlideFileScanner(notScanned).scan(List.of(folder))) {
            byStem.computeIfAbsent(FeatureFileHeader.stem(slide), s -> new ArrayList<>()).add(slide);
        }
    }

    /** The slide files whose stem is {@code name}, in path order (more than one: ambiguous). */
    List<Path> named(String name) {
        return byStem.getOrDefault(name, List.of());
    }

    /** What is wrong when {@code name} matches several files: which they are (the first two). */
    String ambiguity(String name, List<Path> files) {
        return files.size() + " slides named " + name + " under " + folder + " (" + files.getFirst() + ", " + files.get(1) + ")";
    }

    /**
     * The metadata of the slide file stored as {@code storedPath}, read with OpenSlide. Its scale:
     * {@code assumeMpp} when given (not null), else the file's own, else {@code fallbackMpp} (from the
     * features file's magnification: an estimate; 0 for unknown).
     */
    static SlideMetadata metadata(Path file, String storedPath, Double assumeMpp, double fallbackMpp) throws IOException {
        try (OpenSlideImage slide = OpenSlideImage.open(file)) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            PhysicalScale scale = PhysicalScale.of(slide, assumeMpp);
            double mpp = scale.known() ? scale.mpp() : fallbackMpp;
            String source = scale.known() ? scale.source().label() : fromFileSource(mpp);
            return new SlideMetadata(storedPath, attributes.size(), attributes.lastModifiedTime().toMillis(),
                    slide.quickHash().orElse(null), slide.vendor(), mpp, source, slide.width(), slide.height());
        }
    }

    /** A scale from the feature file's level-0 magnification is 10 / objective, as from a slide's objective power. */
    static String fromFileSource(double mpp) {
        return mpp > 0 ? PhysicalScale.Source.OBJECTIVE_POWER.label() : "";
    }
}
