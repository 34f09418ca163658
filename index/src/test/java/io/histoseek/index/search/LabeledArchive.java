package io.histoseek.index.search;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.ClusteredVectors;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A real labeled archive for the case tests: classes made of a few tissue types each, cases
 * (patients) with one to three slides that are near copies of each other (serial sections), some
 * slides without a label. Keeps in memory what it wrote, so tests can compute answers by brute force.
 */
final class LabeledArchive {
    record Slide(long id, String path, String label, String caseName, List<long[]> tiles, List<float[]> vectors) {
        /** The protocol's case: the name, or the slide itself. */
        String caseId() {
            return caseName != null ? "case:" + caseName : "slide:" + id;
        }
    }

    final Path folder;
    final List<Slide> slides = new ArrayList<>();

    private LabeledArchive(Path folder) {
        this.folder = folder;
    }

    static LabeledArchive build(Path folder, long seed, int dimension, int classes, int cases, int unlabeled) {
        LabeledArchive archive = new LabeledArchive(folder);
        SplittableRandom random = new SplittableRandom(seed);
        int tissues = classes * 2;
        float[][] tissue = new ClusteredVectors(dimension, tissues, seed).next(tissues);
        for (int i = 0; i < tissue.length; i++) tissue[i] = gaussianAround(random, null, dimension, 1.0);
        try (ArchiveWriter writer = Archives.openForWriting(folder, WriterOptions.of("test").creatingWithRoot(folder.resolveSibling("slides")))) {
            writer.bindModel(new ModelIdentity("fp", "test", dimension));
            List<SlideLabel> labels = new ArrayList<>();
            int serial = 0;
            for (int p = 0; p < cases + unlabeled; p++) {
                boolean labeled = p < cases;
                int cls = p % classes;
                int sections = labeled ? 1 + random.nextInt(3) : 1;
                float[] patient = gaussianAround(random, null, dimension, 0.5);
                int tiles = 12 + random.nextInt(18);
                List<float[]> base = new ArrayList<>();
                for (int t = 0; t < tiles; t++) {
                    // Mostly the class's own two tissues, now and then any tissue.
                    int kind = random.nextDouble() < 0.8 ? cls * 2 + random.nextInt(2) : random.nextInt(tissues);
                    float[] v = gaussianAround(random, tissue[kind], dimension, 0.45);
                    for (int d = 0; d < dimension; d++) v[d] += patient[d];
                    base.add(v);
                }
                for (int s = 0; s < sections; s++) {
                    String path = (labeled ? "class" + cls : "unlabeled") + "/slide-" + (serial++) + ".svs";
                    List<NewTile> newTiles = new ArrayList<>();
                    List<float[]> vectors = new ArrayList<>();
                    for (int t = 0; t < base.size(); t++) {
                        float[] v = gaussianAround(random, base.get(t), dimension, 0.08); // a serial section: nearly the same
                        ClusteredVectors.normalize(v);
                        vectors.add(v);
                        newTiles.add(new NewTile((long) t * 224, 0, 224, 1f, v));
                    }
                    long id = writer.commitSlide(new SlideMetadata(path, 1, 1, "q" + serial, "test", 0.5, "slide", 224L * base.size(), 224), newTiles).id();
                    List<long[]> tileRows = new ArrayList<>();
                    for (int t = 0; t < base.size(); t++) tileRows.add(new long[] {t * 224L, 0});
                    String label = labeled ? "class-" + (char) ('a' + cls) : null;
                    // Cases with several sections name the patient; a single slide is its own case.
                    String caseName = labeled && sections > 1 ? "P" + p : null;
                    archive.slides.add(new Slide(id, path, label, caseName, tileRows, vectors));
                    if (labeled) labels.add(new SlideLabel(id, label, caseName));
                }
            }
            writer.putLabels(labels);
            writer.compact();
        }
        return archive;
    }

    private static float[] gaussianAround(SplittableRandom random, float[] centre, int dimension, double scale) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            double u = random.nextDouble(), w = random.nextDouble();
            double g = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
            v[d] = (float) ((centre == null ? 0 : centre[d]) + g * scale);
        }
        return v;
    }

    List<Slide> labeled() {
        return slides.stream().filter(s -> s.label() != null).toList();
    }
}
