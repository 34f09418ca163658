package io.histoseek.index.bench;

import io.histoseek.index.features.FeatureFileReader;
import io.histoseek.index.features.FeatureImport;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads every row of a features file as the import does ({@link FeatureImport#BATCH_ROWS} rows at a
 * time, checked for non-finite values), for bench/features.sh to set beside h5py reading the same file.
 * <pre>FeatureReadBench FILE</pre>
 */
public final class FeatureReadBench {
    private FeatureReadBench() {
    }

    public static void main(String[] args) {
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            double sum = 0;
            int rows;
            try (FeatureFileReader reader = FeatureFileReader.open(Path.of(args[0]))) {
                rows = reader.header().rows();
                for (int from = 0; from < rows; from += FeatureImport.BATCH_ROWS) {
                    float[][] batch = reader.rows(from, Math.min(FeatureImport.BATCH_ROWS, rows - from));
                    sum += batch[0][0];
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "RESULT jhdf-read round=%d rows=%d seconds=%.2f rows_per_s=%.0f (checksum %.3f)%n",
                    round, rows, seconds, rows / seconds, sum);
        }
    }
}
