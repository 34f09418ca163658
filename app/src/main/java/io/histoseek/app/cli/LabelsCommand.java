package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.cases.LabelsCsv;
import io.histoseek.index.cases.SlideNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code histoseek labels}: lists an archive's slide labels ({@code slide<TAB>label<TAB>case}, the
 * case empty when the slide is its own), imports them from a CSV ({@code slide,label,case}) in one
 * transaction under the writer lock, or removes them. Slides are named by path, file name or stem;
 * a row naming no slide of the archive (or several) is reported on stderr and skipped.
 */
@Command(name = "labels", description = "List, import (CSV slide,label,case) or remove the labels of an archive's slides.")
final class LabelsCommand implements Callable<Integer> {
    @Mixin
    ArchiveOption archive;

    @Mixin
    WaitOption wait;

    @Option(names = "--import", paramLabel = "FILE.csv",
            description = "Set labels from a CSV with the header slide,label,case (case optional: a slide without one is its own case). Re-importing updates.")
    Path importFile;

    @Option(names = "--remove", arity = "1..*", paramLabel = "SLIDE", description = "Remove the labels of these slides.")
    List<String> remove;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (importFile != null && remove != null) {
            throw new ParameterException(spec.commandLine(), "give --import or --remove, not both");
        }
        if (importFile != null) return importLabels();
        if (remove != null) return removeLabels();
        return list();
    }

    private int list() {
        PrintWriter out = spec.commandLine().getOut();
        try (Archive store = archive.open()) {
            SlidePaths paths = new SlidePaths(store);
            Map<Long, SlideLabel> labels = store.labels();
            for (SlideRecord slide : store.slides()) {
                SlideLabel label = labels.get(slide.id());
                if (label == null) continue;
                out.append(paths.shown(slide.path())).append('\t').append(label.label()).append('\t')
                        .append(label.caseName() == null ? "" : label.caseName()).append('\n');
            }
        }
        out.flush();
        return 0;
    }

    private int importLabels() {
        LabelsCsv.Parsed parsed = LabelsCsv.read(importFile);
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>(parsed.problems());
        Map<Long, SlideLabel> chosen = new LinkedHashMap<>();
        int unresolved = 0;
        try (ArchiveWriter store = openForWriting()) {
            SlideNames names = names(store);
            Map<String, Long> ids = ids(store);
            Map<Long, Integer> lineOf = new HashMap<>();
            for (LabelsCsv.Row row : parsed.rows()) {
                String where = importFile + ":" + row.line() + ": " + row.slide() + ": ";
                Optional<String> stored = stored(names.find(row.slide()), where, problems);
                if (stored.isEmpty()) {
                    unresolved++;
                    continue;
                }
                long id = ids.get(stored.get());
                Integer earlier = lineOf.put(id, row.line());
                if (earlier != null) problems.add(where + "the same slide as line " + earlier + "; the later row counts");
                chosen.put(id, new SlideLabel(id, row.label(), row.caseName()));
            }
            problems.forEach(err::println);
            store.putLabels(chosen.values());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("labeled: " + chosen.size());
        out.println("skipped: " + (parsed.problems().size() + unresolved));
        out.flush();
        err.flush();
        return 0;
    }

    private int removeLabels() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        int removed;
        try (ArchiveWriter store = openForWriting()) {
            SlideNames names = names(store);
            Map<String, Long> ids = ids(store);
            List<Long> slides = new ArrayList<>();
            for (String given : remove) {
                stored(names.find(given), given + ": ", problems).ifPresent(stored -> slides.add(ids.get(stored)));
            }
            problems.forEach(err::println);
            removed = store.removeLabels(slides);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("removed: " + removed);
        out.flush();
        err.flush();
        return 0;
    }

    private ArchiveWriter openForWriting() {
        return Archives.openForWriting(archive.address(), wait.writerOptions("labels", spec.commandLine().getErr()));
    }

    private static SlideNames names(Archive store) {
        SlidePaths paths = new SlidePaths(store);
        return new SlideNames(store.slides().stream().map(SlideRecord::path).toList(), given -> {
            try {
                return paths.stored(Path.of(given));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        });
    }

    private static Map<String, Long> ids(Archive store) {
        Map<String, Long> ids = new HashMap<>();
        for (SlideRecord slide : store.slides()) ids.put(slide.path(), slide.id());
        return ids;
    }

    private Optional<String> stored(SlideNames.Match match, String where, List<String> problems) {
        return switch (match) {
            case SlideNames.Found found -> Optional.of(found.storedPath());
            case SlideNames.Unknown unknown -> {
                problems.add(where + "no such slide in archive " + archive.text + "; skipped");
                yield Optional.empty();
            }
            case SlideNames.Ambiguous ambiguous -> {
                problems.add(where + "names " + ambiguous.storedPaths().size() + " slides (" + String.join(", ", ambiguous.storedPaths())
                        + "); give its path; skipped");
                yield Optional.empty();
            }
        };
    }
}
