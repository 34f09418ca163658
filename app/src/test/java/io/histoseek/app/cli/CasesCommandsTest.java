package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * labels, classify, search-slides and evaluate as a user runs them, on a small synthetic archive
 * written through the archive API: three tissues, slides of 12 tiles, serial sections sharing a case.
 */
class CasesCommandsTest {
    static final int DIM = 16;
    /** path, tissue, case column of the labels file ("" for none). */
    static final String[][] SLIDES = {
            {"lung/A-1.svs", "0", "P1"}, {"lung/A-2.svs", "0", "P1"}, {"lung/B-1.svs", "0", "P2"},
            {"colon/C-1.svs", "1", "P3"}, {"colon/D-1.svs", "1", ""}, {"colon/E-1.ndpi", "1", ""},
            {"skin/F-1.svs", "2", "P5"}, {"skin/G-1.svs", "2", "P6"}, {"other/B-1.svs", "2", ""},
            {"unlabeled/U-1.svs", "0", ""}};
    static final String[] LABELS = {"adenocarcinoma", "normal colon", "melanoma"};

    @TempDir
    Path dir;
    Path archive;
    Path root;
    final Map<String, List<float[]>> vectors = new LinkedHashMap<>();

    @BeforeEach
    void writeArchive() {
        archive = dir.resolve("archive");
        root = dir.resolve("slides");
        Random random = new Random(3);
        float[][] tissue = new float[3][DIM];
        for (float[] t : tissue) for (int d = 0; d < DIM; d++) t[d] = (float) random.nextGaussian();
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("test").creatingWithRoot(root))) {
            writer.bindModel(new ModelIdentity("fp", "test", DIM));
            for (String[] slide : SLIDES) {
                List<NewTile> tiles = new ArrayList<>();
                List<float[]> kept = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    float[] v = new float[DIM];
                    double norm = 0;
                    for (int d = 0; d < DIM; d++) {
                        v[d] = tissue[Integer.parseInt(slide[1])][d] + (float) (random.nextGaussian() * 0.9);
                        norm += v[d] * v[d];
                    }
                    for (int d = 0; d < DIM; d++) v[d] /= (float) Math.sqrt(norm);
                    tiles.add(new NewTile((t % 4) * 224L, (t / 4) * 224L, 224, 1f, v));
                    kept.add(v);
                }
                writer.commitSlide(new SlideMetadata(slide[0], 1, 1, "q", "test", 0.5, "slide", 896, 672), tiles);
                vectors.put(slide[0], kept);
            }
        }
    }

    record Run(int exit, String out, String err) {
        Map<String, String> keys() {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) keys.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
            return keys;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path labelsFile() throws IOException {
        StringBuilder csv = new StringBuilder("slide,label,case\n");
        for (String[] slide : SLIDES) {
            if (slide[0].startsWith("unlabeled") || slide[0].startsWith("other")) continue;
            String name = switch (slide[0]) {
                case "lung/A-1.svs" -> root.resolve(slide[0]).toString();   // as `tiles` prints it
                case "colon/C-1.svs" -> "C-1";                               // a stem
                case "colon/D-1.svs" -> "D-1.svs";                           // a file name
                default -> slide[0];                                         // as stored
            };
            csv.append('"').append(name).append("\",").append(LABELS[Integer.parseInt(slide[1])]).append(',').append(slide[2]).append('\n');
        }
        csv.append("other/B-1.svs,melanoma,\n");
        csv.append("B-1.svs,melanoma,\n");           // two slides have this name
        csv.append("nowhere/Z-9.svs,melanoma,P9\n");  // not in the archive
        csv.append(",melanoma,\n");                   // no slide
        return Files.writeString(dir.resolve("labels.csv"), csv.toString());
    }

    private void importLabels() throws IOException {
        Run imported = run("labels", "--archive", archive.toString(), "--import", labelsFile().toString());
        assertEquals(0, imported.exit(), imported.err());
    }

    @Test
    void labelsImportListUpdateAndRemove() throws IOException {
        Path file = labelsFile();
        Run imported = run("labels", "--archive", archive.toString(), "--import", file.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertEquals("labeled: 9\nskipped: 3\n", imported.out());
        assertEquals(List.of(
                file + ":13: no slide; row skipped",
                file + ":11: B-1.svs: names 2 slides (lung/B-1.svs, other/B-1.svs); give its path; skipped",
                file + ":12: nowhere/Z-9.svs: no such slide in archive " + archive + "; skipped"), imported.err().lines().toList());

        Run listed = run("labels", "--archive", archive.toString());
        assertEquals(0, listed.exit(), listed.err());
        List<String> expected = new ArrayList<>();
        for (String path : List.of("colon/C-1.svs", "colon/D-1.svs", "colon/E-1.ndpi", "lung/A-1.svs", "lung/A-2.svs", "lung/B-1.svs",
                "other/B-1.svs", "skin/F-1.svs", "skin/G-1.svs")) {
            String[] slide = java.util.Arrays.stream(SLIDES).filter(s -> s[0].equals(path)).findFirst().orElseThrow();
            expected.add(root.resolve(path) + "\t" + LABELS[Integer.parseInt(slide[1])] + "\t" + slide[2]);
        }
        assertEquals(expected, listed.out().lines().toList());

        Files.writeString(file, "label,slide\ncarcinoma in situ,lung/A-2.svs\nx,lung/A-2.svs\n");
        Run update = run("labels", "--archive", archive.toString(), "--import", file.toString());
        assertEquals("labeled: 1\nskipped: 0\n", update.out());
        assertEquals(file + ":3: lung/A-2.svs: the same slide as line 2; the later row counts\n", update.err());
        assertTrue(run("labels", "--archive", archive.toString()).out().contains(root.resolve("lung/A-2.svs") + "\tx\t\n"),
                "re-import replaces the label and the case");

        Run removed = run("labels", "--archive", archive.toString(), "--remove", "A-2", "skin/F-1.svs", "Q-7");
        assertEquals(0, removed.exit(), removed.err());
        assertEquals("removed: 2\n", removed.out());
        assertEquals("Q-7: no such slide in archive " + archive + "; skipped\n", removed.err());
        assertEquals(7, run("labels", "--archive", archive.toString()).out().lines().count());
    }

    @Test
    void labelsProblemsAreOneLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "file,diagnosis\n");
        Run run = run("labels", "--archive", archive.toString(), "--import", bad.toString());
        assertEquals(1, run.exit());
        assertEquals("histoseek: " + bad + ": the header must name the columns slide and label (and optionally case), found file,diagnosis\n", run.err());
        Run both = run("labels", "--archive", archive.toString(), "--import", bad.toString(), "--remove", "x");
        assertEquals(2, both.exit());
        assertTrue(both.err().startsWith("give --import or --remove, not both"), both.err());
        Run none = run("classify", "--archive", archive.toString(), "--slide", "lung/A-1.svs", "--x", "10", "--y", "10");
        assertEquals(1, none.exit());
        assertEquals("histoseek: " + archive + ": no slide has a label; import some with `histoseek labels --archive " + archive
                + " --import FILE.csv`\n", none.err());
    }

    /** The labeled tiles of other cases, best first, by brute force over the vectors written. */
    private List<Object[]> bruteHits(float[] query, String querySlide) {
        Map<String, String> caseOf = new TreeMap<>();
        Map<String, String> labelOf = new TreeMap<>();
        for (String[] s : SLIDES) {
            if (s[0].startsWith("unlabeled") || s[0].equals("other/B-1.svs")) continue;
            labelOf.put(s[0], LABELS[Integer.parseInt(s[1])]);
            caseOf.put(s[0], s[2].isEmpty() ? "slide " + s[0] : s[2]);
        }
        String queryCase = caseOf.getOrDefault(querySlide, "slide " + querySlide);
        List<Object[]> hits = new ArrayList<>();
        for (var entry : vectors.entrySet()) {
            if (!labelOf.containsKey(entry.getKey()) || caseOf.get(entry.getKey()).equals(queryCase)) continue;
            for (float[] v : entry.getValue()) {
                double s = 0;
                for (int d = 0; d < DIM; d++) s += query[d] * v[d];
                hits.add(new Object[] {s, labelOf.get(entry.getKey()), entry.getKey()});
            }
        }
        hits.sort(Comparator.comparingDouble(o -> -(double) o[0]));
        return hits;
    }

    @Test
    void classifyPrintsTheVoteOfOtherCasesAndAbstainsBelowTheMinimum() throws IOException {
        importLabels();
        // A tile of lung/A-1.svs whose neighbours disagree (tile t lies at column t % 4, row t / 4).
        String winner = null;
        double agreement = 1;
        Map<String, Integer> votes = new TreeMap<>();
        int tile = -1;
        for (int t = 0; t < 12 && agreement == 1; t++) {
            List<Object[]> hits = bruteHits(vectors.get("lung/A-1.svs").get(t), "lung/A-1.svs").subList(0, 5);
            votes.clear();
            Map<String, Double> sums = new TreeMap<>();
            for (Object[] h : hits) {
                votes.merge((String) h[1], 1, Integer::sum);
                sums.merge((String) h[1], (double) h[0], Double::sum);
                assertFalse(h[2].equals("lung/A-2.svs"), "the serial section of the same case never votes");
            }
            winner = votes.keySet().stream().max(Comparator.comparing((String l) -> votes.get(l)).thenComparing(sums::get)).orElseThrow();
            agreement = votes.get(winner) / 5.0;
            tile = t;
        }
        assertTrue(agreement < 1, "a tile with a split vote");
        String x = String.valueOf((tile % 4) * 224 + 100);
        String y = String.valueOf((tile / 4) * 224 + 100);

        Run run = run("classify", "--archive", archive.toString(), "--slide", "lung/A-1.svs", "--x", x, "--y", y, "-k", "5");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("label: " + winner, lines.get(0));
        assertEquals(String.format(Locale.ROOT, "agreement: %.2f", agreement), lines.get(1));
        assertTrue(lines.get(2).startsWith("votes: " + winner + "=" + votes.get(winner)), lines.get(2));
        assertEquals(3, lines.size());

        Run strict = run("classify", "--archive", archive.toString(), "--slide", "lung/A-1.svs", "--x", x, "--y", y, "-k", "5",
                "--min-agreement", String.valueOf(agreement + 0.01));
        assertEquals("label: abstain", strict.out().lines().findFirst().orElseThrow(), strict.err());
        Run exact = run("classify", "--archive", archive.toString(), "--slide", "lung/A-1.svs", "--x", x, "--y", y, "-k", "5",
                "--min-agreement", String.valueOf(agreement));
        assertEquals("label: " + winner, exact.out().lines().findFirst().orElseThrow(), "exactly the minimum answers");
        Run rectangle = run("classify", "--archive", archive.toString(), "--slide", "lung/A-1.svs", "--x", "0", "--y", "0",
                "--width", "448", "--height", "448", "-k", "3");
        assertEquals(0, rectangle.exit(), rectangle.err());
        Run bad = run("classify", "--archive", archive.toString(), "--slide", "lung/A-1.svs", "--x", "0", "--y", "0", "--min-agreement", "1.5");
        assertEquals("histoseek: --min-agreement must be a share of the votes between 0 and 1, got 1.5\n", bad.err());
    }

    @Test
    void searchSlidesRanksOtherCasesOnly() throws IOException {
        importLabels();
        Run run = run("search-slides", "--archive", archive.toString(), "--slide", "lung/A-1.svs", "-k", "20");
        assertEquals(0, run.exit(), run.err());
        List<String> rows = run.out().lines().toList();
        assertEquals(SLIDES.length - 2, rows.size(), run.out());
        for (int i = 0; i < rows.size(); i++) {
            String[] cols = rows.get(i).split("\t", -1);
            assertEquals(4, cols.length, rows.get(i));
            assertEquals(String.valueOf(i + 1), cols[0]);
            assertTrue(cols[1].matches("-?\\d\\.\\d{6}"), cols[1]);
            assertFalse(cols[2].endsWith("lung/A-1.svs") || cols[2].endsWith("lung/A-2.svs"), "the query and its case: " + cols[2]);
        }
        // Same tissue first: lung/B-1.svs shares tissue 0 with the query (and is another case); unlabeled U-1 too.
        assertTrue(rows.get(0).contains("lung/B-1.svs") || rows.get(0).contains("unlabeled/U-1.svs"), rows.get(0));
        assertTrue(run.out().contains(root.resolve("unlabeled/U-1.svs") + "\t\n") || run.out().endsWith(root.resolve("unlabeled/U-1.svs") + "\t\n"),
                "an unlabeled slide has an empty label column");
        Run missing = run("search-slides", "--archive", archive.toString(), "--slide", "lung/Z.svs");
        assertEquals(1, missing.exit());
        assertEquals("histoseek: lung/Z.svs: not a slide of archive " + archive + " (index it first)\n", missing.err());
    }

    @Test
    void evaluatePrintsTheFiguresAndWritesTheReport() throws IOException {
        importLabels();
        Path report = dir.resolve("report");
        Run tiles = run("evaluate", "--archive", archive.toString(), "-k", "1,5", "--min-agreement", "0.6", "--out", report.toString());
        assertEquals(0, tiles.exit(), tiles.err());
        Map<String, String> keys = tiles.keys();
        assertEquals(String.valueOf(9 * 12), keys.get("queries"));
        for (String key : List.of("accuracy@1", "balanced_accuracy@1", "accuracy@5", "balanced_accuracy@5", "abstained@1",
                "answered_accuracy@1", "abstained@5", "answered_accuracy@5")) {
            assertTrue(keys.get(key).matches("\\d\\.\\d{4}|n/a"), key + ": " + keys.get(key));
        }
        assertTrue(tiles.out().contains("report: " + report.resolve("index.html")));
        assertEquals(9 * 12 + 1, Files.readAllLines(report.resolve("per-query.csv")).size());

        Run slides = run("evaluate", "--archive", archive.toString(), "-k", "1,3", "--level", "slide");
        assertEquals(0, slides.exit(), slides.err());
        assertEquals("9", slides.keys().get("queries"));
        assertTrue(slides.keys().get("mMV@3").matches("\\d\\.\\d{4}"), slides.out());

        Run sample = run("evaluate", "--archive", archive.toString(), "-k", "1", "--sample", "20", "--seed", "5");
        assertEquals("20", sample.keys().get("queries"));
        assertEquals(sample.out(), run("evaluate", "--archive", archive.toString(), "-k", "1", "--sample", "20", "--seed", "5").out());

        Run wrong = run("evaluate", "--archive", archive.toString(), "--level", "slide", "--sample", "3");
        assertEquals(1, wrong.exit());
        assertEquals("histoseek: --sample is for --level tile; slide level queries every labeled slide\n", wrong.err());
    }
}
