package io.histoseek.index.archive;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a stored slide path stands for: a slide file (a name with one of the slide extensions) or a
 * slide known only by its name (imported from a features file whose slide file was not found: the
 * bare stem, e.g. {@code s042}, no folder, no slide extension); and the one rule for attaching such
 * a slide to its file once found, which every archive implementation applies.
 */
public final class SlideNames {
    /** The extensions of the slide files OpenSlide opens (multi-file formats by their main file). */
    public static final Set<String> FILE_EXTENSIONS = Set.of(
            "svs", "tif", "tiff", "ndpi", "vms", "vmu", "scn", "mrxs", "svslide", "bif");

    private SlideNames() {
    }

    public static boolean isSlideFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && FILE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** True for the stored path of a slide known only by its name (a slide file's name always has a slide extension). */
    public static boolean isNameOnly(String storedPath) {
        return !storedPath.contains("/") && !isSlideFileName(storedPath);
    }

    /**
     * The slide stored as {@code storedName} once attached to its file: same id (so its tiles,
     * vectors and label stay), the file's metadata, and indexed (pending when it was pending: it
     * has no tiles). Refused, in one line starting with {@code archive}, unless {@code named} is a
     * slide known by name only, {@code found} names a slide file and no slide has that path yet.
     */
    public static SlideRecord attached(String archive, String storedName, Optional<SlideRecord> named, SlideMetadata found,
                                       boolean foundPathTaken) {
        String refusal = named.isEmpty() ? "no slide of that name"
                : !isNameOnly(storedName) ? "it is not a slide imported by name"
                : isNameOnly(found.path()) ? "that is not a slide file"
                : foundPathTaken ? "another slide of the archive has that path"
                : null;
        if (refusal != null) {
            throw new ArchiveException(archive + ": cannot attach " + storedName + " to " + found.path() + ": " + refusal);
        }
        SlideStatus status = named.get().status() == SlideStatus.PENDING ? SlideStatus.PENDING : SlideStatus.INDEXED;
        return new SlideRecord(named.get().id(), found, status, null);
    }
}
