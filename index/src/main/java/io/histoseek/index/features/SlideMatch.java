package io.histoseek.index.features;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideNames;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.model.support.OneLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which slide a features file belongs to, by the file's stem: a slide file of that stem under the
 * slides folder (found recursively); else a slide of the archive with that stem (a re-import
 * replaces it); else a slide known only by its name. A slide known by name is stored under that
 * bare name (no folder, no slide extension, see {@link SlideNames#isNameOnly}) and recorded missing.
 */
final class SlideMatch {
    /** Where a file's tiles go: the slide's stored path and metadata, and whether its file is on disk. */
    record Target(String storedPath, SlideMetadata metadata, boolean fileFound) {
    }

    private final Archive archive;
    private final Double assumeMpp;
    private final Optional<SlideFiles> slideFiles;

    SlideMatch(Archive archive, Optional<Path> slidesFolder, Double assumeMpp, Set<Path> notScanned) {
        this.archive = archive;
        this.assumeMpp = assumeMpp;
        this.slideFiles = slidesFolder.map(folder -> new SlideFiles(folder, notScanned));
    }

    Target find(FeatureFileHeader header) {
        String name = header.name();
        List<Path> files = slideFiles.map(found -> found.named(name)).orElse(List.of());
        if (files.size() > 1) {
            throw new FeatureFileException(header.file(), slideFiles.orElseThrow().ambiguity(name, files)
                    + "; import it alone with --slides naming one");
        }
        if (files.size() == 1) return onDisk(header, files.getFirst());
        List<SlideRecord> known = archive.slides().stream()
                .filter(s -> FeatureFileHeader.stem(Path.of(s.path()).getFileName()).equals(name)).toList();
        if (known.size() > 1) {
            throw new FeatureFileException(header.file(), "the archive has " + known.size() + " slides named " + name + " ("
                    + known.getFirst().path() + ", " + known.get(1).path() + "); give --slides to say which");
        }
        if (known.size() == 1) {
            SlideRecord slide = known.getFirst();
            Path file = archive.resolve(slide.path());
            if (!SlideNames.isNameOnly(slide.path()) && Files.isRegularFile(file)) return onDisk(header, file);
            return new Target(slide.path(), byName(slide.path(), header), false);
        }
        return new Target(name, byName(name, header), false);
    }

    private Target onDisk(FeatureFileHeader header, Path file) {
        String stored = archive.storedPath(file);
        try {
            return new Target(stored, SlideFiles.metadata(file, stored, assumeMpp, header.mppFromMagnification().orElse(0)), true);
        } catch (IOException e) {
            throw new FeatureFileException(header.file(), "its slide " + file + " cannot be read ("
                    + OneLine.of(e) + ")");
        }
    }

    /** A slide without a file: its extent is the patches' bounding box, its scale what was given or the file records. */
    private SlideMetadata byName(String stored, FeatureFileHeader header) {
        double mpp = assumeMpp != null ? assumeMpp : header.mppFromMagnification().orElse(0);
        String source = assumeMpp != null ? PhysicalScale.Source.ASSUMED.label() : SlideFiles.fromFileSource(mpp);
        return new SlideMetadata(stored, 0, 0, null, null, mpp, source, 0, 0);
    }

    /** The metadata with the slide's extent grown to hold every patch (the search checks points against it). */
    static SlideMetadata covering(SlideMetadata metadata, long[][] coords, int patchSize) {
        long width = metadata.width();
        long height = metadata.height();
        for (long[] xy : coords) {
            width = Math.max(width, xy[0] + patchSize);
            height = Math.max(height, xy[1] + patchSize);
        }
        return new SlideMetadata(metadata.path(), metadata.sizeBytes(), metadata.mtimeMillis(), metadata.quickhash(),
                metadata.vendor(), metadata.mpp(), metadata.mppSource(), width, height);
    }
}
