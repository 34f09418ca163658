package io.histoseek.app.cli;

import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.NewTile;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.SlideWrite;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes an archive of synthetic 1536-d tiles through the archive API, batch by batch as indexing
 * does, in a JVM of its own (so a test can give it a small heap).
 * <pre>SyntheticArchive ARCHIVE SLIDES TILES_PER_SLIDE</pre>
 * Slides are {@code s0.svs}...; tile i of a slide lies at column i % 100, row i / 100, 224 px apart.
 */
public final class SyntheticArchive {
    static final int DIM = 1536;
    static final int COLUMNS = 100;
    static final int TILE = 224;
    private static final int BATCH = 64;

    private SyntheticArchive() {
    }

    public static void main(String[] args) {
        Path archive = Path.of(args[0]);
        int slides = Integer.parseInt(args[1]);
        int perSlide = Integer.parseInt(args[2]);
        SplittableRandom random = new SplittableRandom(11);
        float[][] centres = new float[50][];
        for (int c = 0; c < centres.length; c++) centres[c] = gaussian(random, 1);
        try (ArchiveWriter writer = Archives.openForWriting(archive,
                WriterOptions.of("index").creatingWithRoot(archive.resolveSibling("slides")))) {
            writer.bindModel(new ModelIdentity("synthetic", "none", DIM));
            for (int s = 0; s < slides; s++) {
                long rows = (perSlide + COLUMNS - 1) / COLUMNS;
                try (SlideWrite write = writer.beginSlide(new SlideMetadata("s" + s + ".svs", 1, 1, "q" + s, "aperio", 0.5, "slide",
                        (long) COLUMNS * TILE, rows * TILE))) {
                    for (int from = 0; from < perSlide; from += BATCH) {
                        List<NewTile> batch = new ArrayList<>(BATCH);
                        for (int i = from; i < Math.min(perSlide, from + BATCH); i++) {
                            float[] v = gaussian(random, 0.5);
                            float[] centre = centres[random.nextInt(centres.length)];
                            for (int d = 0; d < DIM; d++) v[d] += centre[d];
                            batch.add(new NewTile((long) (i % COLUMNS) * TILE, (long) (i / COLUMNS) * TILE, TILE, 1f, normalized(v)));
                        }
                        write.add(batch);
                    }
                    write.commit();
                }
            }
        }
        System.out.println("done");
    }

    private static float[] gaussian(SplittableRandom random, double scale) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
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
