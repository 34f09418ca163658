package io.histoseek.app.cli;

import io.histoseek.app.SharedTestData;
import io.histoseek.index.cases.Progress;
import io.histoseek.index.cases.TileFolder;
import io.histoseek.index.cases.TileFolderEvaluation;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.TileImageFile;
import io.histoseek.model.load.Encoders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code evaluate-tiles} on a synthetic labeled folder written here with ImageIO: three classes of
 * textured tiles of several sizes and formats, patients in the file names, a class with one tile
 * and a file that is no image. The figures are checked against a brute force over the same vectors.
 */
class EvaluateTilesCommandTest {
    private static final Pattern PATIENT = Pattern.compile("^(p\\d+)_");

    @TempDir
    static Path dir;
    static Path folder;
    static TileEncoder encoder;

    @AfterAll
    static void closeTheEncoder() {
        encoder.close();
    }

    @BeforeAll
    static void writeTheFolder() throws Exception {
        encoder = Encoders.open(SharedTestData.tinyCheckpoint(), new EncoderOptions(Device.CPU, null, 16, OptionalInt.of(3)));
        folder = dir.resolve("tiles");
        Random random = new Random(5);
        int[][] colours = {{230, 150, 190}, {120, 60, 160}, {245, 235, 240}};
        String[] classes = {"stroma", "tumour", "glass"};
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < 6; i++) {
                int width = i % 4 == 1 ? 300 : 224;
                int height = i % 4 == 1 ? 260 : 224;
                String name = "p" + (i % 3) + "_" + classes[c] + i + (i % 4 == 2 ? ".jpg" : ".png");
                write(texture(random, colours[c], width, height, i % 4 == 3), folder.resolve(classes[c]).resolve(name));
            }
        }
        write(texture(random, new int[] {200, 120, 90}, 224, 224, false), folder.resolve("necrosis/p7_only.png"));
        Files.writeString(folder.resolve("stroma/p1_notes.png"), "not an image");
    }

    private static BufferedImage texture(Random random, int[] colour, int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int blobs = 3 + random.nextInt(6);
        int[][] centres = new int[blobs][];
        for (int b = 0; b < blobs; b++) centres[b] = new int[] {random.nextInt(width), random.nextInt(height), 8 + random.nextInt(20)};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double shade = 1;
                for (int[] b : centres) {
                    double d = Math.hypot(x - b[0], y - b[1]);
                    if (d < b[2]) shade = 0.55;
                }
                int r = clamp(colour[0] * shade + random.nextGaussian() * 12);
                int g = clamp(colour[1] * shade + random.nextGaussian() * 12);
                int bl = clamp(colour[2] * shade + random.nextGaussian() * 12);
                image.setRGB(x, y, (alpha ? 0x80 : 0xFF) << 24 | r << 16 | g << 8 | bl);
            }
        }
        return image;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".jpg") ? "jpg" : "png";
        if (!ImageIO.write(image, format, file.toFile())) throw new IOException("no writer for " + format);
    }

    private record Run(int exit, String out, String err) {
        Map<String, String> keys() {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) keys.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
            return keys;
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String checkpoint() {
        return SharedTestData.tinyCheckpoint().toString();
    }

    @Test
    void printsTheExactLeaveOneGroupOutFiguresAndWritesTheReport() throws IOException {
        Path report = dir.resolve("report");
        Run run = run("evaluate-tiles", folder.toString(), "--checkpoint", checkpoint(), "--heads", "3", "--device", "cpu",
                "-k", "5,1,3", "--group-by", PATIENT.pattern(), "--out", report.toString());
        assertEquals(0, run.exit(), run.err());
        Path bad = folder.resolve("stroma/p1_notes.png");
        assertTrue(run.err().contains("skipped: " + bad + ": not an image"), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("skipped: ")).count(), run.err());

        Map<String, String> keys = run.keys();
        assertEquals("19", keys.get("tiles"));
        assertEquals("1", keys.get("skipped"));
        assertEquals("4", keys.get("classes"));
        assertEquals("4", keys.get("groups"));
        Brute brute = new Brute(vectorsAsTheTestReadsThem());
        for (int k : List.of(1, 3, 5)) {
            double[] expected = brute.figures(k);
            assertEquals(String.format(Locale.ROOT, "%.4f", expected[0]), keys.get("accuracy@" + k), "accuracy@" + k);
            assertEquals(String.format(Locale.ROOT, "%.4f", expected[1]), keys.get("balanced_accuracy@" + k), "balanced@" + k);
        }
        List<String> order = run.out().lines().filter(l -> l.startsWith("accuracy@")).toList();
        assertEquals(List.of("accuracy@1", "accuracy@3", "accuracy@5"), order.stream().map(l -> l.substring(0, l.indexOf(':'))).toList());
        for (String file : List.of("index.html", "confusion-k1.png", "confusion-k3.png", "confusion-k5.png", "per-query.csv", "summary.json")) {
            assertTrue(run.out().contains("report: " + report.resolve(file)), run.out());
            assertTrue(Files.size(report.resolve(file)) > 0, file);
        }
        assertEquals(20, Files.readAllLines(report.resolve("per-query.csv")).size());
    }

    /** Reads every readable tile as the command does, embeds it with the same encoder, and normalizes. */
    private static List<Tile> vectorsAsTheTestReadsThem() {
        List<TileFolder.Tile> readable = new ArrayList<>();
        List<float[]> tensors = new ArrayList<>();
        for (TileFolder.Tile tile : TileFolder.scan(folder, Optional.of(PATIENT)).tiles()) {
            try {
                tensors.add(TileImageFile.readFitted(tile.file(), OptionalDouble.empty()));
                readable.add(tile);
            } catch (IllegalArgumentException unreadable) {
                // the command skips it too
            }
        }
        float[][] vectors = encoder.encode(tensors.toArray(float[][]::new));
        List<Tile> tiles = new ArrayList<>();
        for (int t = 0; t < readable.size(); t++) {
            float[] v = vectors[t];
            double norm = 0;
            for (float f : v) norm += (double) f * f;
            double[] unit = new double[v.length];
            for (int i = 0; i < v.length; i++) unit[i] = v[i] / Math.sqrt(norm);
            tiles.add(new Tile(readable.get(t).label(), patient(readable.get(t).file()), unit));
        }
        return tiles;
    }

    private static String patient(Path file) {
        Matcher m = PATIENT.matcher(file.getFileName().toString());
        return m.find() ? m.group(1) : file.toString();
    }

    private record Tile(String label, String patient, double[] unit) {
    }

    /** Leave-one-patient-out k-NN from the definitions: every pair in double precision, ties by summed similarity. */
    private record Brute(List<Tile> tiles) {
        double[] figures(int k) {
            int correct = 0;
            Map<String, int[]> perClass = new TreeMap<>();
            for (Tile q : tiles) {
                List<double[]> scored = new ArrayList<>();
                for (int i = 0; i < tiles.size(); i++) {
                    Tile t = tiles.get(i);
                    if (t.patient().equals(q.patient())) continue;
                    double s = 0;
                    for (int d = 0; d < q.unit().length; d++) s += q.unit()[d] * t.unit()[d];
                    scored.add(new double[] {s, i});
                }
                scored.sort((a, b) -> Double.compare(b[0], a[0]));
                Map<String, Integer> votes = new TreeMap<>();
                Map<String, Double> sums = new TreeMap<>();
                for (int j = 0; j < Math.min(k, scored.size()); j++) {
                    String label = tiles.get((int) scored.get(j)[1]).label();
                    votes.merge(label, 1, Integer::sum);
                    sums.merge(label, scored.get(j)[0], Double::sum);
                }
                String winner = null;
                for (String label : votes.keySet()) {
                    if (winner == null || votes.get(label) > votes.get(winner)
                            || (votes.get(label).equals(votes.get(winner)) && sums.get(label) > sums.get(winner) + 1e-6)) winner = label;
                }
                int[] c = perClass.computeIfAbsent(q.label(), l -> new int[2]);
                if (q.label().equals(winner)) {
                    correct++;
                    c[0]++;
                }
                c[1]++;
            }
            double balanced = perClass.values().stream().mapToDouble(c -> (double) c[0] / c[1]).average().orElseThrow();
            return new double[] {(double) correct / tiles.size(), balanced};
        }
    }

    @Test
    void aTileGivesTheVectorEmbedGivesIt() throws Exception {
        List<Path> tileSized = new ArrayList<>();
        for (String name : List.of("stroma/p0_stroma0.png", "tumour/p2_tumour2.jpg", "glass/p0_glass3.png", "necrosis/p7_only.png")) {
            tileSized.add(folder.resolve(name));
        }
        List<String> args = new ArrayList<>(List.of("embed", "--checkpoint", checkpoint(), "--heads", "3", "--device", "cpu"));
        tileSized.forEach(p -> args.add(p.toString()));
        Run embed = run(args.toArray(String[]::new));
        assertEquals(0, embed.exit(), embed.err());
        TileFolder scanned = TileFolder.scan(folder, Optional.empty());
        TileFolderEvaluation.Embedded embedded = TileFolderEvaluation.embed(scanned, encoder, OptionalDouble.empty(), problem -> { }, Progress.NONE);
        List<String> lines = embed.out().lines().toList();
        for (int i = 0; i < tileSized.size(); i++) {
            String[] pathAndValues = lines.get(i).split("\t");
            String[] values = pathAndValues[1].split(" ");
            float[] fromEmbed = new float[values.length];
            for (int j = 0; j < values.length; j++) fromEmbed[j] = Float.parseFloat(values[j]);
            Path file = tileSized.get(i);
            int at = embedded.tiles().stream().map(TileFolder.Tile::file).toList().indexOf(file);
            assertArrayEquals(fromEmbed, embedded.vectors()[at], 1e-6f, file.toString());
        }
    }

    @Test
    void scaleFromMppAndTilesTooSmallForItAreSkipped() throws IOException {
        Path scaled = dir.resolve("scaled");
        Random random = new Random(9);
        for (String label : List.of("a", "b")) {
            for (int i = 0; i < 2; i++) {
                write(texture(random, label.equals("a") ? new int[] {230, 150, 190} : new int[] {120, 60, 160}, 448, 448, false),
                        scaled.resolve(label).resolve("t" + i + ".png"));
            }
        }
        write(texture(random, new int[] {120, 60, 160}, 200, 200, false), scaled.resolve("b/small.png"));
        Run run = run("evaluate-tiles", scaled.toString(), "--checkpoint", checkpoint(), "--heads", "3", "--device", "cpu",
                "-k", "1", "--mpp", "0.25");
        assertEquals(0, run.exit(), run.err());
        assertEquals("4", run.keys().get("tiles"));
        assertTrue(run.err().contains("skipped: " + scaled.resolve("b/small.png") + ": 200x200 pixels at 0.25 um/px cover 50x50 um"),
                run.err());
    }

    @Test
    void problemsAreOneLineErrors() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run none = run("evaluate-tiles", empty.toString(), "--checkpoint", checkpoint(), "--heads", "3");
        assertEquals(1, none.exit());
        assertEquals("histoseek: " + empty + ": no tiles (expected one subfolder per class with the tile images)\n", none.err());

        Run regex = run("evaluate-tiles", folder.toString(), "--checkpoint", checkpoint(), "--heads", "3", "--group-by", "(p");
        assertEquals(1, regex.exit());
        assertTrue(regex.err().startsWith("histoseek: --group-by '(p' is not a regular expression"), regex.err());
        assertEquals(1, regex.err().lines().count());

        Run k = run("evaluate-tiles", folder.toString(), "--checkpoint", checkpoint(), "--heads", "3", "-k", "0");
        assertEquals(1, k.exit());
        assertEquals("histoseek: -k values must be at least 1, got 0\n", k.err());

        Path unreadable = dir.resolve("unreadable");
        Files.createDirectories(unreadable.resolve("x"));
        Files.writeString(unreadable.resolve("x/a.png"), "text");
        Run nothing = run("evaluate-tiles", unreadable.toString(), "--checkpoint", checkpoint(), "--heads", "3", "--device", "cpu");
        assertEquals(1, nothing.exit());
        assertTrue(nothing.err().endsWith("histoseek: " + unreadable + ": none of its 1 files could be read as a tile image\n"), nothing.err());
        assertTrue(nothing.err().contains("skipped: " + unreadable.resolve("x/a.png") + ": not an image"), nothing.err());
    }
}
