package io.histoseek.index.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A labeled tile folder as the model card's evaluations use them: one subfolder per class, its
 * files (at any depth) the class's tiles. Hidden files and folders and files directly in the
 * top folder are not tiles. A tile's group (the patient, the slide) comes from its file name
 * through {@code --group-by}: the regex's first capturing group if it has one, else the whole match;
 * a name it does not match is a group of its own. Classes and tiles are in name order.
 */
public record TileFolder(Path folder, List<String> classes, List<Tile> tiles) {
    /** A tile: its file, its name relative to the folder (with '/'), its class and its group. */
    public record Tile(Path file, String name, String label, String group) {
    }

    public TileFolder {
        classes = List.copyOf(classes);
        tiles = List.copyOf(tiles);
    }

    /** Lists the folder; a missing folder or one without class subfolders is refused in one line. */
    public static TileFolder scan(Path folder, Optional<Pattern> groupBy) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": " + (Files.exists(folder) ? "not a folder" : "no such folder"));
        }
        List<String> classes = new ArrayList<>();
        List<Tile> tiles = new ArrayList<>();
        try {
            for (Path classFolder : sorted(list(folder).filter(Files::isDirectory))) {
                String label = classFolder.getFileName().toString();
                int before = tiles.size();
                try (Stream<Path> files = Files.walk(classFolder)) {
                    for (Path file : sorted(files.filter(f -> Files.isRegularFile(f) && !hiddenBelow(classFolder, f)))) {
                        String name = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                        tiles.add(new Tile(file, name, label, group(groupBy, file.getFileName().toString(), name)));
                    }
                }
                if (tiles.size() > before) classes.add(label);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException(folder + ": no tiles (expected one subfolder per class with the tile images)");
        }
        return new TileFolder(folder, classes, tiles);
    }

    private static Stream<Path> list(Path folder) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        return entries.stream();
    }

    private static List<Path> sorted(Stream<Path> paths) {
        return paths.sorted(Comparator.comparing(Path::toString)).toList();
    }

    private static boolean hiddenBelow(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    private static String group(Optional<Pattern> groupBy, String fileName, String name) {
        // Prefixed, so a matched group never equals a tile's own name.
        if (groupBy.isEmpty()) return "tile:" + name;
        Matcher m = groupBy.get().matcher(fileName);
        if (!m.find()) return "tile:" + name;
        return "group:" + (m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group());
    }
}
