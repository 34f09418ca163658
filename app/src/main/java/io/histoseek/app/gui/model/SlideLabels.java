package io.histoseek.app.gui.model;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.search.ArchiveLabels;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The open archive's labels, also by slide file (how the gallery names a hit's slide). */
public record SlideLabels(ArchiveLabels labels, Map<Path, SlideLabel> byFile) {
    public SlideLabels {
        byFile = Map.copyOf(byFile);
    }

    /** No archive, or one without labels. */
    public static final SlideLabels NONE = new SlideLabels(ArchiveLabels.NONE, Map.of());

    /** Reads them (off the FX thread: it queries the archive). */
    public static SlideLabels read(Archive archive) {
        ArchiveLabels labels = ArchiveLabels.of(archive);
        Map<Path, SlideLabel> byFile = new HashMap<>();
        for (SlideRecord slide : archive.slides()) {
            labels.of(slide.id()).ifPresent(label -> byFile.put(archive.resolve(slide.path()).toAbsolutePath().normalize(), label));
        }
        return new SlideLabels(labels, byFile);
    }

    public boolean isEmpty() {
        return byFile.isEmpty();
    }

    public Optional<SlideLabel> of(Path file) {
        return Optional.ofNullable(byFile.get(file.toAbsolutePath().normalize()));
    }
}
