package io.histoseek.app.cli;

import io.histoseek.index.TextEscapes;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.features.FeatureFileReader;
import io.histoseek.index.features.FeatureImport;
import io.histoseek.index.search.ArchiveSearcher;
import io.histoseek.index.search.SearchHit;
import io.histoseek.index.search.SearchOptions;
import io.histoseek.model.ModelIdentity;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The batch search of {@code search --features}: every row (or the chosen rows) of a features
 * file is a query vector; hits print as they are found, {@code row<TAB>rank<TAB>score<TAB>slide<TAB>x<TAB>y}
 * or one JSON array of objects. Rows are read {@link FeatureImport#BATCH_ROWS} at a time.
 */
final class FeatureQueries {
    private FeatureQueries() {
    }

    static void search(Archive store, Path file, List<Integer> chosenRows, SearchOptions options, boolean json, PrintWriter out) {
        try (FeatureFileReader reader = FeatureFileReader.open(file)) {
            int rows = reader.header().rows();
            int dimension = store.model().map(ModelIdentity::dimension).orElseThrow(() ->
                    new IllegalArgumentException(store.address() + ": archive holds no vectors yet"));
            if (reader.header().dimension() != dimension) {
                throw new IllegalArgumentException(file + ": " + reader.header().dimension() + "-d features; archive "
                        + store.address() + " holds " + dimension + "-d vectors");
            }
            List<Integer> wanted = chosenRows.isEmpty() ? IntStream.range(0, rows).boxed().toList() : chosenRows;
            for (int row : wanted) {
                if (row < 0 || row >= rows) throw new IllegalArgumentException("--rows " + row + ": " + file + " has rows 0 to " + (rows - 1));
            }
            ArchiveSearcher searcher = new ArchiveSearcher(store, null);
            SlidePaths paths = new SlidePaths(store);
            boolean first = true;
            if (json) out.println("[");
            for (int from = 0; from < wanted.size(); from += FeatureImport.BATCH_ROWS) {
                List<Integer> batch = wanted.subList(from, Math.min(wanted.size(), from + FeatureImport.BATCH_ROWS));
                float[][] vectors = chosenRows.isEmpty() ? reader.rows(from, batch.size()) : null;
                for (int i = 0; i < batch.size(); i++) {
                    int row = batch.get(i);
                    float[] vector = vectors != null ? vectors[i] : reader.rows(row, 1)[0];
                    for (SearchHit hit : searcher.searchVector(vector, options)) {
                        String slide = paths.shown(hit.slide().path());
                        if (json) {
                            out.printf(Locale.ROOT, "%s  {\"row\": %d, \"rank\": %d, \"score\": %.6f, \"slide\": %s, \"x\": %d, \"y\": %d, \"size\": %d}",
                                    first ? "" : ",\n", row, hit.rank(), hit.score(), TextEscapes.json(slide), hit.x(), hit.y(), hit.size());
                        } else {
                            out.printf(Locale.ROOT, "%d\t%d\t%.6f\t%s\t%d\t%d%n", row, hit.rank(), hit.score(), slide, hit.x(), hit.y());
                        }
                        first = false;
                    }
                }
                out.flush();
            }
            if (json) out.println(first ? "]" : "\n]");
            out.flush();
        }
    }
}
