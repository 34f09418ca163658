package io.histoseek.index.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds an archive's slide from what a person wrote in a labels file: a path (as {@code tiles}
 * prints it, relative to the working folder, or as stored), else a file name, else a file stem
 * (the name without its last extension). A name or stem that several slides share is ambiguous.
 */
public final class SlideNames {
    /** The slide found (its stored path), or why none was. */
    public sealed interface Match permits Found, Unknown, Ambiguous {
    }

    public record Found(String storedPath) implements Match {
    }

    public record Unknown(String given) implements Match {
    }

    public record Ambiguous(String given, List<String> storedPaths) implements Match {
        public Ambiguous {
            storedPaths = List.copyOf(storedPaths);
        }
    }

    private final Function<String, Optional<String>> byPath;
    private final Map<String, List<String>> byName = new HashMap<>();
    private final Map<String, List<String>> byStem = new HashMap<>();

    /**
     * @param storedPaths every slide of the archive, as stored ('/'-separated)
     * @param byPath      the stored path of a slide given as a path, if the archive has it
     */
    public SlideNames(List<String> storedPaths, Function<String, Optional<String>> byPath) {
        this.byPath = byPath;
        for (String stored : storedPaths) {
            String name = stored.substring(stored.lastIndexOf('/') + 1);
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(stored);
            byStem.computeIfAbsent(stem(name), n -> new ArrayList<>()).add(stored);
        }
    }

    public Match find(String given) {
        Optional<String> path = byPath.apply(given);
        if (path.isPresent()) return new Found(path.get());
        if (given.contains("/") || given.contains("\\")) return new Unknown(given);
        for (Map<String, List<String>> index : List.of(byName, byStem)) {
            List<String> hits = index.getOrDefault(given, List.of());
            if (hits.size() == 1) return new Found(hits.getFirst());
            if (hits.size() > 1) return new Ambiguous(given, hits);
        }
        return new Unknown(given);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
