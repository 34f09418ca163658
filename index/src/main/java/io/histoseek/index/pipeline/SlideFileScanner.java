package io.histoseek.index.pipeline;

import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.SlideNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the slide files under folders, recursively, in a stable (sorted) order.
 *
 * <p>A slide is a file with one of OpenSlide's extensions ({@link SlideNames#FILE_EXTENSIONS}).
 * Multi-file formats keep their pixels in companion files that are not slides: MIRAX's sibling
 * folder of .dat/.ini (skipped as a whole, so nothing inside it is mistaken for a slide) and VMS's
 * .jpg files (no slide extension). Hidden
 * files and folders, and the folders given in {@code excluded} (the archive itself), are skipped.
 */
public final class SlideFileScanner {
    private final Set<Path> excluded;

    public SlideFileScanner(Set<Path> excluded) {
        this.excluded = excluded.stream().map(SlideFileScanner::canonical).collect(java.util.stream.Collectors.toSet());
    }

    /** A scanner that skips the archive's own folder when {@code archive} is a local one (a cluster has none here). */
    public static SlideFileScanner outside(ArchiveAddress archive) {
        ArchiveAddress absolute = archive.absolute();
        return new SlideFileScanner(absolute.isFolder() ? Set.of(absolute.folder()) : Set.of());
    }

    /** The slide files under every folder (or the file itself, when a slide file is given). */
    public List<Path> scan(List<Path> roots) {
        TreeSet<Path> found = new TreeSet<>();
        for (Path root : roots) {
            Path start = canonical(root);
            if (!Files.exists(start)) {
                throw new IllegalArgumentException(root + ": no such folder");
            }
            if (Files.isRegularFile(start)) {
                if (!SlideNames.isSlideFileName(start.getFileName().toString())) {
                    throw new IllegalArgumentException(root + ": not a slide file (extensions: "
                            + String.join(" ", new TreeSet<>(SlideNames.FILE_EXTENSIONS)) + ")");
                }
                found.add(start);
                continue;
            }
            walk(start, found);
        }
        return new ArrayList<>(found);
    }

    private void walk(Path start, Set<Path> found) {
        try {
            Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(start) && (isHidden(dir) || isMiraxDataFolder(dir)
                                    || excluded.contains(canonical(dir)))) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            String name = file.getFileName().toString();
                            if (attrs.isRegularFile() && !isHidden(file) && SlideNames.isSlideFileName(name)) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            // A symlink loop or an unreadable folder holds no slide we could index.
                            if (e instanceof FileSystemLoopException || Files.isDirectory(file)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(start + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /** MIRAX keeps its data in a folder named like the .mrxs file, next to it. */
    private static boolean isMiraxDataFolder(Path dir) {
        Path parent = dir.getParent();
        if (parent == null) {
            return false;
        }
        String name = dir.getFileName().toString();
        return Files.isRegularFile(parent.resolve(name + ".mrxs")) || Files.isRegularFile(parent.resolve(name + ".MRXS"));
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
