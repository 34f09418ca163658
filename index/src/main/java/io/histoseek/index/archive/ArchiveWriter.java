package io.histoseek.index.archive;

import io.histoseek.model.ModelIdentity;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * An archive opened for writing: the one writer, holding the archive's writer lock until closed.
 * Every call is all-or-nothing; a failure (a full disk included) leaves the archive as it was
 * before the call. Open one with {@link Archives#openForWriting}.
 */
public interface ArchiveWriter extends Archive {
    /** Points the archive at the new place of its slides (an external drive mounted elsewhere). */
    void relink(Path newRoot);

    void putSetting(String key, String value);

    /**
     * Records the model of an empty archive, or checks that {@code model} is the archive's own:
     * vectors from another checkpoint are refused with a clear error.
     */
    void bindModel(ModelIdentity model);

    /** Starts (re)writing a slide; its old tiles stay searchable until the new ones are committed. */
    SlideWrite beginSlide(SlideMetadata metadata);

    /** A whole slide in one call. */
    default SlideRecord commitSlide(SlideMetadata metadata, List<NewTile> tiles) {
        try (SlideWrite write = beginSlide(metadata)) {
            write.add(tiles);
            return write.commit();
        }
    }

    /** Records that a slide could not be indexed and why. Tiles it already had are kept. */
    SlideRecord markFailed(SlideMetadata metadata, String reason);

    /** Records a slide's new file stats as indexed, keeping its tiles (a touched file with the same content). */
    SlideRecord markIndexed(SlideMetadata metadata);

    /** Records a slide as known but not (or no longer) embedded, without touching its tiles. */
    SlideRecord markPending(SlideMetadata metadata);

    /** Marks a slide whose file vanished; its tiles stay searchable until {@link #removeSlide}. */
    void markMissing(String storedPath);

    /**
     * Attaches a slide known only by its name ({@link SlideNames#isNameOnly}) to its slide file, now
     * found: the slide takes the file's stored path, stats, extent, mpp and mpp source and becomes
     * indexed, keeping its id, tiles, vectors and label untouched (nothing is embedded or rewritten).
     * Refused in one line naming the archive ({@link SlideNames#attached}): no such name-only slide,
     * or another slide already has {@code found}'s path. All-or-nothing.
     */
    SlideRecord attachSlide(String storedName, SlideMetadata found);

    /** Deletes a slide, its tiles and their vectors. Returns false when there was no such slide. */
    boolean removeSlide(String storedPath);

    /** Sets the labels of slides (replacing what each had), all in one transaction: all are stored or none. */
    void putLabels(Collection<SlideLabel> labels);

    /** Removes the labels of the slides, in one transaction; returns how many slides had one. */
    int removeLabels(Collection<Long> slideIds);

    /** Merges the vector index into few parts: the end of a run. Searches in other processes go on. */
    void compact();
}
