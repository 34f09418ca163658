package io.histoseek.index.bench;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.cases.Evaluation;
import io.histoseek.index.cases.Figures;
import io.histoseek.index.cases.LabelsCsv;
import io.histoseek.index.search.ArchiveEvaluation;
import io.histoseek.model.ModelIdentity;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The evaluation of a large labeled archive (bench/cases.sh). Slides of 100 tiles of 1536-d
 * vectors, 40 classes (fewer in small runs) each made of a few tissue centres, cases of one to three slides; a labels
 * CSV beside the archive names every slide by file name.
 * <pre>
 * build    ARCHIVE N       write N tiles (N / 100 slides) and ARCHIVE/../labels.csv
 * label    ARCHIVE         put the labels of ARCHIVE/../labels.csv (what `histoseek labels --import` does)
 * evaluate ARCHIVE LEVEL THREADS [SAMPLE]   time the evaluation through the API
 * </pre>
 */
public final class CasesBench {
    static final int DIM = 1536;
    static final int TILES_PER_SLIDE = 100;
    /** Classes of a run of {@code slides}: 40, fewer for small runs so that each class has cases to find. */
    static int classes(int slides) {
        return Math.max(2, Math.min(40, slides / 25));
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build" -> build(Path.of(args[1]), Integer.parseInt(args[2]));
            case "label" -> label(Path.of(args[1]));
            case "evaluate" -> evaluate(Path.of(args[1]), Evaluation.Level.valueOf(args[2].toUpperCase(Locale.ROOT)),
                    Integer.parseInt(args[3]), args.length > 4 ? OptionalInt.of(Integer.parseInt(args[4])) : OptionalInt.empty());
            default -> throw new IllegalArgumentException("mode: build or evaluate");
        }
    }

    private static void build(Path archive, int n) throws IOException {
        SplittableRandom random = new SplittableRandom(14);
        int slides = n / TILES_PER_SLIDE;
        int classes = classes(slides);
        float[][] tissue = new float[classes * 3][];
        for (int t = 0; t < tissue.length; t++) tissue[t] = gaussian(random, null, 1);
        long start = System.nanoTime();
        try (ArchiveWriter writer = Archives.openForWriting(archive, WriterOptions.of("bench").creatingWithRoot(archive.resolveSibling("slides")));
             PrintWriter labels = new PrintWriter(Files.newBufferedWriter(archive.resolveSibling("labels.csv")))) {
            writer.bindModel(new ModelIdentity("bench", "synthetic", DIM));
            labels.println("slide,label,case");
            int slide = 0;
            for (int patient = 0; slide < slides; patient++) {
                int cls = patient % classes;
                float[] offset = gaussian(random, null, 0.4);
                int sections = 1 + random.nextInt(3);
                for (int s = 0; s < sections && slide < slides; s++, slide++) {
                    List<NewTile> tiles = new ArrayList<>(TILES_PER_SLIDE);
                    for (int t = 0; t < TILES_PER_SLIDE; t++) {
                        int kind = random.nextDouble() < 0.75 ? cls * 3 + random.nextInt(3) : random.nextInt(tissue.length);
                        float[] v = gaussian(random, tissue[kind], 0.7);
                        for (int d = 0; d < DIM; d++) v[d] += offset[d];
                        tiles.add(new NewTile((long) (t % 10) * 224, (long) (t / 10) * 224, 224, 1f, normalize(v)));
                    }
                    String path = "slide-" + slide + ".svs";
                    writer.commitSlide(new SlideMetadata(path, 1L << 30, 0, "qh" + slide, "aperio", 0.5, "slide", 2240, 2240), tiles);
                    labels.println(path + ",class-" + cls + ",patient-" + patient);
                }
            }
            writer.compact();
        }
        System.out.printf(Locale.ROOT, "RESULT cases-build n=%d slides=%d seconds=%.1f%n", n, slides, (System.nanoTime() - start) / 1e9);
    }

    private static void label(Path folder) {
        long start = System.nanoTime();
        try (ArchiveWriter writer = Archives.openForWriting(folder, WriterOptions.of("labels"))) {
            Map<String, Long> ids = new HashMap<>();
            writer.slides().forEach(s -> ids.put(s.path(), s.id()));
            List<SlideLabel> labels = new ArrayList<>();
            for (LabelsCsv.Row row : LabelsCsv.read(folder.resolveSibling("labels.csv")).rows()) {
                labels.add(new SlideLabel(ids.get(row.slide()), row.label(), row.caseName()));
            }
            writer.putLabels(labels);
            System.out.printf(Locale.ROOT, "RESULT cases-label slides=%d seconds=%.2f%n", labels.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static void evaluate(Path folder, Evaluation.Level level, int threads, OptionalInt sample) {
        try (Archive archive = Archives.openForReading(folder)) {
            long start = System.nanoTime();
            Evaluation e = new ArchiveEvaluation(archive).run(new ArchiveEvaluation.Options(level, List.of(1, 5), OptionalDouble.of(0.6),
                    sample, 1, threads, 0), (stage, done, total) -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "RESULT cases-evaluate level=%s threads=%d queries=%d seconds=%.1f queries_per_second=%.0f%n",
                    level, threads, e.queries().size(), seconds, e.queries().size() / seconds);
            Figures.lines(e).forEach(line -> System.out.println("  " + line));
        }
    }

    private static float[] gaussian(SplittableRandom random, float[] centre, double scale) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            double u = random.nextDouble(), w = random.nextDouble();
            v[d] = (float) ((centre == null ? 0 : centre[d]) + Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w) * scale);
        }
        return v;
    }

    private static float[] normalize(float[] v) {
        double s = 0;
        for (float f : v) s += (double) f * f;
        float k = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) v[i] *= k;
        return v;
    }
}
