package io.histoseek.app.cli;

import io.histoseek.app.SharedTestData;
import io.histoseek.app.cli.ArchiveCommandsTest.Result;
import io.histoseek.cluster.LocalSolrCluster;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.index.features.FeatureFileReader;
import io.histoseek.index.features.FeatureFileWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.histoseek.app.cli.ArchiveCommandsTest.APERIO;
import static io.histoseek.app.cli.ArchiveCommandsTest.TIFF;
import static io.histoseek.app.cli.ArchiveCommandsTest.checkpoint;
import static io.histoseek.app.cli.ArchiveCommandsTest.copySlides;
import static io.histoseek.app.cli.ArchiveCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command on a SolrCloud archive as a user runs it, beside the same command on a local
 * archive made from the same inputs: a real SolrCloud (ZooKeeper and a node, through
 * cluster/solr-local.sh; 2 shards of 1 replica per collection, so every search fans out) started
 * once; node loss and replicas are SolrArchiveClusterTest's. Two pairs of archives: the copied
 * slides indexed with the tiny model (index, info, tiles, search, heatmap, export, remove), and
 * patch-feature files imported (import, search --features, export-features, labels, classify,
 * search-slides, evaluate).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCommandsTest {
    /** Patch features of three tissues around three centres (48-d, as the shared fixture); serial sections share a case. */
    private static final int DIM = 48;
    private static final int TILES_PER_SLIDE = 6;
    private static final String[][] FEATURE_SLIDES = {
            {"A-1", "0", "P1"}, {"A-2", "0", "P1"}, {"B-1", "0", "P2"}, {"C-1", "1", "P3"}, {"D-1", "1", ""},
            {"F-1", "2", "P5"}, {"G-1", "2", ""}};
    private static final String[] TISSUES = {"adenocarcinoma", "normal colon", "melanoma"};

    @TempDir
    static Path dir;
    static LocalSolrCluster cluster;
    static Path slides;
    static Path featureFiles;
    /** Index: the copied slides. */
    static ArchivePair indexed;
    /** Import: the generated feature files and the shared fixture of the Aperio slide. */
    static ArchivePair imported;
    static Result localIndex;
    static Result solrIndex;
    static Result localImport;
    static Result solrImport;

    /** The same command's archive pair: a folder and a cluster collection. */
    record ArchivePair(String local, String solr) {
        List<String> both() {
            return List.of(local, solr);
        }
    }

    @BeforeAll
    static void startTheClusterAndFillBothArchives() throws IOException {
        long start = System.nanoTime();
        cluster = LocalSolrCluster.start("app-commands", 1);
        slides = copySlides(dir.resolve("slides"));
        indexed = new ArchivePair(dir.resolve("indexed").toString(), cluster.address("indexed").toString());
        long started = System.nanoTime();
        localIndex = index(indexed.local());
        long indexedLocally = System.nanoTime();
        solrIndex = index(indexed.solr());
        long indexed = System.nanoTime();
        featureFiles = writeFeatureFiles(dir.resolve("features"));
        imported = new ArchivePair(dir.resolve("imported").toString(), cluster.address("imported").toString());
        localImport = importFeatures(imported.local());
        long importedLocally = System.nanoTime();
        solrImport = importFeatures(imported.solr());
        System.out.printf(Locale.ROOT, "cluster up in %.1f s; index %.1f s locally, %.1f s into the cluster; import %.1f s locally, %.1f s into the cluster%n",
                (started - start) / 1e9, (indexedLocally - started) / 1e9, (indexed - indexedLocally) / 1e9,
                (importedLocally - indexed) / 1e9, (System.nanoTime() - importedLocally) / 1e9);
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) cluster.close();
    }

    private static Result index(String archive) {
        return run("index", slides.toString(), "--archive", archive, "--checkpoint", checkpoint().toString(), "--heads", "3",
                "--threads", "2", "--batch-size", "8", "--shards", "2", "--replicas", "1");
    }

    private static Result importFeatures(String archive) {
        return run("import", "--archive", archive, "--slides", SharedTestData.slides().toString(), "--features", featureFiles.toString(),
                "--shards", "2", "--replicas", "1");
    }

    private static Path writeFeatureFiles(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.copy(SharedTestData.path("data/features/CMU-1-Small-Region.h5"), folder.resolve("CMU-1-Small-Region.h5"));
        Random random = new Random(15);
        float[][] centres = new float[TISSUES.length][DIM];
        for (float[] centre : centres) for (int d = 0; d < DIM; d++) centre[d] = (float) random.nextGaussian();
        for (String[] slide : FEATURE_SLIDES) {
            long[][] coords = new long[TILES_PER_SLIDE][];
            float[][] features = new float[TILES_PER_SLIDE][DIM];
            for (int t = 0; t < TILES_PER_SLIDE; t++) {
                coords[t] = new long[] {(t % 3) * 224L, (t / 3) * 224L};
                for (int d = 0; d < DIM; d++) {
                    features[t][d] = centres[Integer.parseInt(slide[1])][d] + (float) (random.nextGaussian() * 1.8);
                }
            }
            FeatureFileWriter.write(folder.resolve(slide[0] + ".h5"), slide[0], 224, OptionalDouble.of(20), coords, features);
        }
        return folder;
    }

    @Test
    @Order(1)
    void indexInfoAndTilesAgree() {
        assertEquals(0, solrIndex.exit(), solrIndex.err());
        assertEquals(localIndex.keys(), solrIndex.keys());
        assertEquals("2", solrIndex.keys().get("slides_embedded"), solrIndex.out());
        assertEquals("1", solrIndex.keys().get("slides_failed"), solrIndex.out());
        Map<String, String> local = run("info", "--archive", indexed.local(), "--slides", "--failures").keys();
        Result info = run("info", "--archive", indexed.solr(), "--slides", "--failures");
        assertEquals(0, info.exit(), info.err());
        Map<String, String> solr = info.keys();
        assertEquals(indexed.solr(), solr.get("archive"));
        assertEquals("2", solr.get("index_segments"), "a search goes through the 2 shards");
        assertEquals(solr.get("tiles"), solr.get("index_vectors"));
        for (Map<String, String> keys : List.of(local, solr)) {
            keys.remove("archive");
            keys.remove("index_segments");
        }
        assertEquals(local, solr);
        assertEquals(lines(run("info", "--archive", indexed.local(), "--slides", "--failures"), "slide: ", "failed: "),
                lines(info, "slide: ", "failed: "));
        List<String> tiles = run("tiles", "--archive", indexed.solr()).lines();
        assertTrue(tiles.size() > 50, tiles.size() + " tiles");
        assertEquals(run("tiles", "--archive", indexed.local()).lines(), tiles);
    }

    @Test
    @Order(2)
    void aPointARectangleAndARefinedSearchFindTheSameInBoth() {
        String[] tile = aperioTile(20);
        String[] other = aperioTile(35);
        List<List<String>> queries = List.of(
                List.of("--slide", slides.resolve(APERIO).toString(), "--x", tile[1], "--y", tile[2], "-k", "10"),
                List.of("--slide", APERIO, "--x", "0", "--y", "0", "--width", "1200", "--height", "900", "-k", "10"),
                List.of("--slide", slides.resolve(APERIO).toString(), "--x", tile[1], "--y", tile[2], "-k", "10",
                        "--also", slides.resolve(APERIO) + ":" + other[1] + "," + other[2],
                        "--not", slides.resolve(TIFF) + ":" + tile[1] + "," + tile[2]));
        for (List<String> query : queries) {
            List<List<String>> found = new ArrayList<>();
            for (String archive : indexed.both()) {
                List<String> args = new ArrayList<>(List.of("search", "--archive", archive));
                args.addAll(query);
                Result search = run(args.toArray(String[]::new));
                assertEquals(0, search.exit(), search.err());
                found.add(search.lines());
            }
            assertSameHits(found.get(0), found.get(1), 1, query.toString());
        }
    }

    @Test
    @Order(3)
    void theHeatMapIsTheSameInBoth() throws IOException {
        String[] tile = aperioTile(20);
        List<Map<String, Double>> maps = new ArrayList<>();
        for (String archive : indexed.both()) {
            Path out = dir.resolve("heat-" + maps.size() + ".geojson");
            Result heat = run("heatmap", "--archive", archive, "--slide", APERIO, "--x", tile[1], "--y", tile[2], "--on", TIFF,
                    "--out", out.toString());
            assertEquals(0, heat.exit(), heat.err());
            assertTrue(heat.out().startsWith("heat map of "), heat.out());
            maps.add(similarityByTile(out));
        }
        assertEquals(maps.get(0).keySet(), maps.get(1).keySet());
        assertTrue(maps.get(1).size() > 20, maps.get(1).size() + " tiles");
        for (String tileShape : maps.get(0).keySet()) {
            assertEquals(maps.get(0).get(tileShape), maps.get(1).get(tileShape), 1e-5, "similarity of " + tileShape);
        }
        Path picture = dir.resolve("heat.png");
        Result png = run("heatmap", "--archive", indexed.solr(), "--slide", APERIO, "--x", tile[1], "--y", tile[2], "--out", picture.toString());
        assertEquals(0, png.exit(), png.err());
        assertTrue(ImageIO.read(picture.toFile()).getWidth() > 100, "a picture of the slide");
    }

    @Test
    @Order(4)
    void exportWritesTheSameGalleryFromBoth() throws IOException {
        String[] tile = aperioTile(20);
        List<List<String>> galleries = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (String archive : indexed.both()) {
            Path out = dir.resolve("gallery-" + galleries.size());
            Result export = run("export", "--archive", archive, "--slide", APERIO, "--x", tile[1], "--y", tile[2], "-k", "6",
                    "--out", out.toString());
            assertEquals(0, export.exit(), export.err());
            assertTrue(export.out().matches("wrote \\d+ files \\(6 hits\\) to .*\\n"), export.out());
            try (Stream<Path> files = Files.list(out)) {
                galleries.add(files.map(file -> file.getFileName().toString()).sorted().toList());
            }
            rows.add(Files.readAllLines(out.resolve("results.csv")));
        }
        assertEquals(galleries.get(0), galleries.get(1));
        assertTrue(galleries.get(1).contains("index.html"), galleries.get(1).toString());
        assertEquals(rows.get(0).size(), rows.get(1).size());
        assertEquals(rows.get(0).getFirst(), rows.get(1).getFirst(), "the same columns");
    }

    @Test
    @Order(5)
    void importStoresTheSameTilesAndSearchFeaturesFindsTheSameRowsAndRanks() {
        assertEquals(0, solrImport.exit(), solrImport.out() + solrImport.err());
        assertEquals(localImport.lines(), solrImport.lines());
        assertEquals(String.valueOf(51 + TILES_PER_SLIDE * FEATURE_SLIDES.length), solrImport.keys().get("tiles_added"), solrImport.out());
        Map<String, String> info = run("info", "--archive", imported.solr()).keys();
        assertEquals(info.get("tiles"), info.get("index_vectors"));
        assertEquals(run("info", "--archive", imported.local()).keys().get("tiles"), info.get("tiles"));
        assertEquals(run("tiles", "--archive", imported.local()).lines(), run("tiles", "--archive", imported.solr()).lines());

        Path queries = featureFiles.resolve("CMU-1-Small-Region.h5");
        List<List<String>> found = new ArrayList<>();
        for (String archive : imported.both()) {
            Result search = run("search", "--archive", archive, "--features", queries.toString(), "--rows", "0,7,30", "-k", "5");
            assertEquals(0, search.exit(), search.err());
            found.add(search.lines());
        }
        assertEquals(15, found.get(1).size(), found.get(1).toString());
        for (String row : List.of("0", "7", "30")) {
            assertSameHits(rowHits(found.get(0), row), rowHits(found.get(1), row), 2, "row " + row);
        }
        assertTrue(found.get(1).getFirst().startsWith("0\t1\t1.000000\t"), "row 0 finds its own tile first: " + found.get(1).getFirst());
    }

    @Test
    @Order(6)
    void exportFeaturesWritesTheSameFilesFromBothAndTheyImportBack() throws IOException {
        List<Result> exports = new ArrayList<>();
        for (String archive : imported.both()) {
            Result export = run("export-features", "--archive", archive, "--out", dir.resolve("exported-" + exports.size()).toString());
            assertEquals(0, export.exit(), export.err());
            exports.add(export);
        }
        assertEquals(exports.get(0).keys().get("tiles_exported"), exports.get(1).keys().get("tiles_exported"));
        assertEquals(String.valueOf(51 + TILES_PER_SLIDE * FEATURE_SLIDES.length), exports.get(1).keys().get("tiles_exported"));
        try (Stream<Path> files = Files.list(dir.resolve("exported-1"))) {
            for (Path file : files.sorted().toList()) {
                try (FeatureFileReader solr = FeatureFileReader.open(file);
                     FeatureFileReader local = FeatureFileReader.open(dir.resolve("exported-0").resolve(file.getFileName()))) {
                    int rows = solr.header().rows();
                    assertEquals(local.header().rows(), rows, file.toString());
                    assertTrue(java.util.Arrays.deepEquals(local.coords(), solr.coords()), file.toString());
                    float[][] a = local.rows(0, rows);
                    float[][] b = solr.rows(0, rows);
                    for (int r = 0; r < rows; r++) {
                        for (int d = 0; d < a[r].length; d++) assertEquals(a[r][d], b[r][d], 1e-6, file + " row " + r);
                    }
                }
            }
        }
        String copy = dir.resolve("reimported").toString();
        Result back = run("import", "--archive", copy, "--slides", SharedTestData.slides().toString(), "--features",
                dir.resolve("exported-1").toString());
        assertEquals(0, back.exit(), back.out() + back.err());
        assertEquals(run("tiles", "--archive", imported.solr()).lines(), run("tiles", "--archive", copy).lines(),
                "import(export-features(cluster archive)) holds the same tiles");
    }

    @Test
    @Order(7)
    void labelsClassifySearchSlidesAndEvaluateAgree() throws IOException {
        StringBuilder csv = new StringBuilder("slide,label,case\n");
        for (String[] slide : FEATURE_SLIDES) csv.append(slide[0]).append(',').append(TISSUES[Integer.parseInt(slide[1])]).append(',').append(slide[2]).append('\n');
        Path labels = Files.writeString(dir.resolve("labels.csv"), csv);
        List<List<String>> outputs = new ArrayList<>();
        for (String archive : imported.both()) {
            List<String> output = new ArrayList<>();
            Result labelled = run("labels", "--archive", archive, "--import", labels.toString());
            assertEquals(0, labelled.exit(), labelled.err());
            assertEquals("labeled: " + FEATURE_SLIDES.length + "\nskipped: 0\n", labelled.out());
            output.addAll(run("labels", "--archive", archive).lines());
            Result classify = run("classify", "--archive", archive, "--slide", "A-1", "--x", "224", "--y", "224", "-k", "7");
            assertEquals(0, classify.exit(), classify.err());
            output.addAll(classify.lines());
            Result similar = run("search-slides", "--archive", archive, "--slide", "C-1", "-k", "5");
            assertEquals(0, similar.exit(), similar.err());
            output.addAll(similar.lines().stream().map(ClusterCommandsTest::roundedScore).toList());
            Path report = dir.resolve("report-" + outputs.size());
            Result tiles = run("evaluate", "--archive", archive, "-k", "1,5", "--sample", "16", "--out", report.toString());
            assertEquals(0, tiles.exit(), tiles.err());
            output.addAll(tiles.lines().stream().filter(line -> !line.startsWith("report: ")).toList());
            assertTrue(Files.isRegularFile(report.resolve("index.html")), tiles.out());
            Result slideLevel = run("evaluate", "--archive", archive, "--level", "slide", "-k", "1,3");
            assertEquals(0, slideLevel.exit(), slideLevel.err());
            output.addAll(slideLevel.lines());
            outputs.add(output);
        }
        assertEquals(outputs.get(0), outputs.get(1));
        assertTrue(outputs.get(1).contains("queries: 16"), outputs.get(1).toString());
        assertTrue(outputs.get(1).contains("queries: " + FEATURE_SLIDES.length), outputs.get(1).toString());
        assertTrue(outputs.get(1).stream().anyMatch(line -> line.startsWith("label: ")), outputs.get(1).toString());
    }

    @Test
    @Order(8)
    void removeTakesTheSameSlideOutOfBothAndASecondWriterIsRefusedOrWaits() throws InterruptedException {
        List<Result> removals = new ArrayList<>();
        for (String archive : indexed.both()) {
            Result removed = run("remove", "--archive", archive, TIFF);
            assertEquals(0, removed.exit(), removed.err());
            removals.add(removed);
        }
        assertEquals(removals.get(0).out(), removals.get(1).out());
        assertEquals(run("tiles", "--archive", indexed.local()).lines(), run("tiles", "--archive", indexed.solr()).lines());

        ArchiveWriter holder = Archives.openForWriting(ArchiveAddress.of(indexed.solr()), WriterOptions.of("index"));
        String described = "process " + ProcessHandle.current().pid() + " on .+ \\(index started \\d\\d:\\d\\d\\)";
        Result refused = run("remove", "--archive", indexed.solr(), APERIO);
        assertEquals(1, refused.exit());
        assertTrue(Pattern.matches("histoseek: archive " + Pattern.quote(indexed.solr()) + " is being written by " + described
                + "; try again when it ends\\n", refused.err()), refused.err());
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            holder.close();
        });
        Result waited = run("remove", "--archive", indexed.solr(), "--wait", "60", APERIO);
        closer.join();
        assertEquals(0, waited.exit(), waited.err());
        assertTrue(Pattern.matches("waiting: the archive is being written by " + described + "; this run starts when it ends\\n",
                waited.err()), "said once whom it waits for: " + waited.err());
        assertEquals(List.of(), run("tiles", "--archive", indexed.solr()).lines());
    }

    /** A tile of the Aperio slide as `tiles` prints it (slide, x, y), the n-th in row order. */
    private static String[] aperioTile(int n) {
        return run("tiles", "--archive", indexed.local()).lines().stream()
                .filter(line -> line.startsWith(slides.resolve(APERIO) + "\t")).skip(n).findFirst().orElseThrow().split("\t");
    }

    /** A heat map's GeoJSON as each tile's polygon with its similarity (the tiles come in the order they were written). */
    private static Map<String, Double> similarityByTile(Path geoJson) throws IOException {
        Pattern feature = Pattern.compile("\"coordinates\":(\\[\\[.*?]]]).*\"similarity\":(-?[0-9.]+)");
        Map<String, Double> tiles = new LinkedHashMap<>();
        for (String line : Files.readAllLines(geoJson)) {
            var found = feature.matcher(line);
            if (found.find()) tiles.put(found.group(1), Double.parseDouble(found.group(2)));
        }
        return tiles;
    }

    private static List<String> lines(Result result, String... prefixes) {
        return result.lines().stream().filter(line -> Stream.of(prefixes).anyMatch(line::startsWith)).toList();
    }

    private static List<String> rowHits(List<String> lines, String row) {
        return lines.stream().filter(line -> line.startsWith(row + "\t")).toList();
    }

    private static String roundedScore(String line) {
        String[] fields = line.split("\t", -1);
        fields[1] = String.format(Locale.ROOT, "%.4f", Double.parseDouble(fields[1]));
        return String.join("\t", fields);
    }

    /**
     * The same hits, rank by rank within 1e-4 in score, and the same places among those that score
     * clearly above the last (the indexed slides hold copies of one image, whose tiles tie).
     */
    private static void assertSameHits(List<String> local, List<String> solr, int scoreColumn, String what) {
        assertEquals(local.size(), solr.size(), what + ": " + local + " vs " + solr);
        assertFalse(solr.isEmpty(), what);
        double last = score(local.getLast(), scoreColumn);
        for (int i = 0; i < local.size(); i++) {
            assertEquals(score(local.get(i), scoreColumn), score(solr.get(i), scoreColumn), 1e-4, what + ": score of hit " + i);
        }
        assertEquals(placesAbove(local, scoreColumn, last), placesAbove(solr, scoreColumn, last), what);
    }

    private static double score(String line, int column) {
        return Double.parseDouble(line.split("\t")[column]);
    }

    private static List<String> placesAbove(List<String> hits, int scoreColumn, double score) {
        Map<String, Double> places = new LinkedHashMap<>();
        for (String hit : hits) {
            String[] fields = hit.split("\t");
            if (Double.parseDouble(fields[scoreColumn]) > score + 1e-4) {
                places.put(String.join("\t", List.of(fields).subList(scoreColumn + 1, fields.length)), Double.parseDouble(fields[scoreColumn]));
            }
        }
        return places.keySet().stream().sorted(Comparator.naturalOrder()).toList();
    }
}
