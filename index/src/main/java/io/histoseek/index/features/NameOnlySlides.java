package io.histoseek.index.features;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideNames;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.slide.PhysicalScale;
import io.histoseek.index.slide.SlideException;
import io.histoseek.model.support.OneLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The slides of an archive imported by name (their file was not found then), matched by name to
 * the slide files under a folder with the rule import uses ({@link SlideFiles}), and attached to
 * them ({@link ArchiveWriter#attachSlide}): the slide takes the file's path and metadata, keeping
 * its tiles and vectors. {@link #find} only looks; {@link #attach} writes, one slide at a time.
 */
public final class NameOnlySlides {
    /** A slide attached to its file: its name before, its stored path now. */
    public record Attached(String name, String storedPath) {
    }

    /**
     * What {@link #attach} did: the slides attached, one line per slide whose file was found but
     * could not be attached ({@code NAME: FILE...: problem}: ambiguous, unreadable, or already a
     * slide), and how many slides were known by name only.
     */
    public record Outcome(List<Attached> attached, List<String> problems, int nameOnly) {
    }

    /** Empty when the archive has no slide known by name (nothing to look for: the folder is not scanned). */
    private final Optional<SlideFiles> files;
    private final int nameOnly;
    /** The name-only slides whose name matched at least one file, with those files. */
    private final Map<SlideRecord, List<Path>> matches = new LinkedHashMap<>();

    private NameOnlySlides(List<SlideRecord> named, Optional<SlideFiles> files) {
        this.files = files;
        this.nameOnly = named.size();
        for (SlideRecord slide : named) {
            List<Path> found = files.map(all -> all.named(slide.path())).orElse(List.of());
            if (!found.isEmpty()) matches.put(slide, found);
        }
    }

    /** The archive's name-only slides and the files under {@code folder} (recursively, skipping {@code notScanned}) they match. */
    public static NameOnlySlides find(Archive archive, Path folder, Set<Path> notScanned) {
        List<SlideRecord> named = archive.slides().stream().filter(slide -> SlideNames.isNameOnly(slide.path())).toList();
        return new NameOnlySlides(named, named.isEmpty() ? Optional.empty() : Optional.of(new SlideFiles(folder, notScanned)));
    }

    /** How many slides of the archive are known by name only. */
    public int count() {
        return nameOnly;
    }

    /** How many of them have a file of their name under the folder (one or more). */
    public int withFiles() {
        return matches.size();
    }

    /**
     * Attaches every matched slide whose name matches exactly one readable file that no other slide
     * has, stored as {@code archive} now stores that file (after a relink: relative to the new root).
     * Its scale is read as import reads it ({@link SlideFiles#metadata}): an mpp the user gave at
     * import stays, else the file's, else the one the features file gave. Each slide is one write.
     */
    public Outcome attach(ArchiveWriter archive) {
        List<Attached> attached = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        matches.forEach((slide, found) -> {
            String name = slide.path();
            if (found.size() > 1) {
                problems.add(name + ": " + files.orElseThrow().ambiguity(name, found));
                return;
            }
            Path file = found.getFirst();
            String stored = archive.storedPath(file);
            if (archive.slide(stored).isPresent()) {
                problems.add(name + ": " + file + " is already another slide of the archive (remove one of them)");
                return;
            }
            SlideMetadata metadata;
            try {
                metadata = SlideFiles.metadata(file, stored, givenMpp(slide.metadata()), slide.metadata().mpp());
            } catch (IOException e) {
                problems.add(name + ": " + (e instanceof SlideException ? OneLine.of(e) : file + ": " + OneLine.of(e)));
                return;
            }
            attached.add(new Attached(name, archive.attachSlide(name, metadata).path()));
        });
        return new Outcome(attached, problems, nameOnly);
    }

    /** The mpp the user gave with {@code import --mpp}, which overrides a slide file's as it did at import; else null. */
    private static Double givenMpp(SlideMetadata stored) {
        return PhysicalScale.Source.ASSUMED.label().equals(stored.mppSource()) ? stored.mpp() : null;
    }
}
