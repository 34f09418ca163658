package io.histoseek.index.bench;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.TileRecord;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.SlideHeatMaps;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.Example;
import io.histoseek.index.search.RefinedScoring;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.model.ModelIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Refine by example and heat maps at archive scale (bench/refine.sh). The archive is synthetic,
 * written through the archive API as indexing writes it: {@code SLIDES} slides {@code s0.svs}...
 * of {@code PER_SLIDE} 1536-d tiles each (clustered: 50 centres, noise 0.5, normalized), tile i
 * at column i % 100, row i / 100 of a 224 px grid. Modes:
 * <pre>
 * build   ARCHIVE SLIDES PER_SLIDE   write the archive (a commit per slide), then the end-of-run merge
 * measure ARCHIVE                    heat map of slide s0 (every stored tile against one tile's vector): the first
 *                                    in this JVM and the median of 20; the search run again with 1 to 5 examples
 *                                    (k 24, as the window asks), 40 queries each: median and p95
 * </pre>
 * Prints RESULT lines.
 */
public final class RefineBench {
    static final int D = 1536;
    static final int COLUMNS = 100;
    static final int TILE = 224;
    private static final int BATCH = 256;

    private RefineBench() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "build" -> build(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "measure" -> measure(Path.of(args[1]));
            default -> throw new IllegalArgumentException("mode: build or measure");
        }
    }

    static void build(Path archive, int slides, int perSlide) {
        SplittableRandom random = new SplittableRandom(7);
        float[][] centres = new float[50][];
        for (int c = 0; c < centres.length; c++) centres[c] = gaussian(random, 1);
        long start = System.nanoTime();
        try (ArchiveWriter writer = Archives.openForWriting(archive,
                WriterOptions.of("bench").creatingWithRoot(archive.resolveSibling("slides")))) {
            writer.bindModel(new ModelIdentity("synthetic", "none", D));
            for (int s = 0; s < slides; s++) {
                long rows = (perSlide + COLUMNS - 1) / COLUMNS;
                try (SlideWrite write = writer.beginSlide(new SlideMetadata("s" + s + ".svs", 1, 1, "q" + s, "aperio", 0.5, "slide",
                        (long) COLUMNS * TILE, rows * TILE))) {
                    for (int from = 0; from < perSlide; from += BATCH) {
                        List<NewTile> batch = new ArrayList<>(BATCH);
                        for (int i = from; i < Math.min(perSlide, from + BATCH); i++) {
                            float[] v = gaussian(random, 0.5);
                            float[] centre = centres[random.nextInt(centres.length)];
                            for (int d = 0; d < D; d++) v[d] += centre[d];
                            batch.add(new NewTile((long) (i % COLUMNS) * TILE, (long) (i / COLUMNS) * TILE, TILE, 1f, normalized(v)));
                        }
                        write.add(batch);
                    }
                    write.commit();
                }
                System.out.printf(Locale.ROOT, "built s%d (%.0f s)%n", s, (System.nanoTime() - start) / 1e9);
            }
            writer.compact();
        }
        System.out.printf(Locale.ROOT, "RESULT build slides=%d per_slide=%d seconds=%.0f%n", slides, perSlide,
                (System.nanoTime() - start) / 1e9);
    }

    static void measure(Path archivePath) {
        long opened = System.nanoTime();
        try (ArchiveSearcher searcher = ArchiveSearcher.open(archivePath, null)) {
            Archive archive = searcher.archive();
            System.out.printf(Locale.ROOT, "RESULT open ms=%.0f tiles=%d%n", (System.nanoTime() - opened) / 1e6, archive.vectors().count());
            SlideRecord s0 = archive.slide("s0.svs").orElseThrow();
            List<TileRecord> tiles = archive.tilesIntersecting(s0.id(), 0, 0, s0.metadata().width(), s0.metadata().height());
            Path file = archive.resolve(s0.path());
            RefinedScoring query = searcher.scoring(List.of(Example.point(file, tiles.get(tiles.size() / 2).x(),
                    tiles.get(tiles.size() / 2).y(), true)));

            long first = System.nanoTime();
            HeatMap map = SlideHeatMaps.of(archive, s0.id(), query);
            double firstMs = (System.nanoTime() - first) / 1e6;
            double[] runs = new double[20];
            for (int i = 0; i < runs.length; i++) {
                long t = System.nanoTime();
                SlideHeatMaps.of(archive, s0.id(), query);
                runs[i] = (System.nanoTime() - t) / 1e6;
            }
            // the parts: metadata (SQLite), vectors in tile order (Lucene), the products
            long t0 = System.nanoTime();
            archive.tilesIntersecting(s0.id(), 0, 0, s0.metadata().width(), s0.metadata().height());
            long t1 = System.nanoTime();
            List<float[]> vectors = new ArrayList<>();
            archive.vectors().forEachVectorOfSlide(s0.id(), (id, v) -> vectors.add(v));
            long t2 = System.nanoTime();
            double sink = 0;
            for (float[] v : vectors) sink += query.score(v);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "RESULT heatmap tiles=%d first_ms=%.0f median_ms=%.0f p95_ms=%.0f"
                            + " (metadata_ms=%.0f vectors_ms=%.0f products_ms=%.0f check=%.3f)%n",
                    map.tiles().size(), firstMs, percentile(runs, 50), percentile(runs, 95),
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, sink / vectors.size());

            SplittableRandom random = new SplittableRandom(3);
            List<SlideRecord> slides = archive.slides();
            SearchOptions options = new SearchOptions(24, false, 0, 0);
            for (int[] shape : new int[][] {{1, 0}, {2, 0}, {2, 1}, {3, 2}}) {
                double[] times = new double[40];
                for (int q = 0; q < times.length; q++) {
                    List<Example> examples = new ArrayList<>();
                    for (int e = 0; e < shape[0] + shape[1]; e++) {
                        SlideRecord slide = slides.get(random.nextInt(slides.size()));
                        int i = random.nextInt(10_000);
                        examples.add(Example.point(archive.resolve(slide.path()), (long) (i % COLUMNS) * TILE + 1,
                                (long) (i / COLUMNS) * TILE + 1, e < shape[0]));
                    }
                    long t = System.nanoTime();
                    int hits = searcher.searchExamples(examples, options).size();
                    times[q] = (System.nanoTime() - t) / 1e6;
                    if (hits != 24) throw new IllegalStateException("expected 24 hits, got " + hits);
                }
                System.out.printf(Locale.ROOT, "RESULT refine positives=%d negatives=%d k=24 median_ms=%.0f p95_ms=%.0f%n",
                        shape[0], shape[1], percentile(times, 50), percentile(times, 95));
            }
        }
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static float[] gaussian(SplittableRandom random, double scale) {
        float[] v = new float[D];
        for (int d = 0; d < D; d++) {
            double u = random.nextDouble(), w = random.nextDouble();
            v[d] = (float) (scale * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w));
        }
        return v;
    }

    private static float[] normalized(float[] v) {
        double sum = 0;
        for (float f : v) sum += (double) f * f;
        float k = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) v[i] *= k;
        return v;
    }
}
