package io.histoseek.index.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The root of a new archive: the deepest folder that holds every folder of its first run. */
final class ArchiveRoot {
    private ArchiveRoot() {}

    static Path commonFolder(List<Path> folders) {
        Path common = null;
        for (Path folder : folders) {
            Path path = canonical(folder);
            if (Files.isRegularFile(path)) {
                path = path.getParent();
            }
            common = common == null ? path : commonPrefix(common, path);
        }
        return common;
    }

    static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static Path commonPrefix(Path a, Path b) {
        Path prefix = a.getRoot();
        for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()) && a.getName(i).equals(b.getName(i)); i++) {
            prefix = prefix.resolve(a.getName(i));
        }
        return prefix;
    }
}
