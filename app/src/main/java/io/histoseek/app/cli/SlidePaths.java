package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.SlideNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the command line shows and accepts slides. A slide is printed as its absolute path where
 * it lies now (the archive root joined with the stored relative path), so every printed slide can
 * be opened or handed back to {@code search --slide}. {@code --slide} accepts that form, a path
 * relative to the working folder, or the path relative to the archive root as stored. A slide
 * imported from a features file whose slide file was not found is printed and accepted by its name.
 */
final class SlidePaths {
    private final Archive store;

    SlidePaths(Archive store) {
        this.store = store;
    }

    /** A slide imported by name without its file (see {@link SlideNames#isNameOnly}) shows by that name. */
    String shown(String storedPath) {
        if (SlideNames.isNameOnly(storedPath)) return storedPath;
        return store.resolve(storedPath).toString();
    }

    /** The stored path of a slide given on the command line, if the archive knows it. */
    Optional<String> stored(Path given) {
        if (!given.isAbsolute() && store.slide(separatorsToSlash(given)).isPresent()) {
            return Optional.of(separatorsToSlash(given));
        }
        for (Path candidate : new Path[] {given.toAbsolutePath().normalize(), realPath(given)}) {
            if (candidate == null) {
                continue;
            }
            String stored = store.storedPath(candidate);
            if (store.slide(stored).isPresent()) {
                return Optional.of(stored);
            }
        }
        return Optional.empty();
    }

    /**
     * The slide given on the command line, as the searcher should see it: the archive's own form
     * when the archive knows it (even if the file is gone), else the file itself.
     */
    Path query(Path given) {
        Optional<String> known = stored(given);
        if (known.isPresent()) {
            return store.resolve(known.get());
        }
        Path real = realPath(given);
        if (real == null || !Files.isRegularFile(real)) {
            throw new IllegalArgumentException(given + ": no such slide (not a file, nor a slide of archive "
                    + store.address() + ")");
        }
        return real;
    }

    private static Path realPath(Path given) {
        try {
            return given.toRealPath();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String separatorsToSlash(Path path) {
        return path.normalize().toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
