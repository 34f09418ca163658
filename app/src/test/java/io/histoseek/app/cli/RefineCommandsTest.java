package io.histoseek.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.histoseek.app.TestArchive;
import io.histoseek.app.export.HeatMapPicture;
import io.histoseek.app.export.HtmlGalleryWriter;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `search --also/--not`, `heatmap` and the exported heat maps, end to end on the test archive
 * (three copies of the same tissue indexed with the tiny model: the .svs, a 0.5 um/px TIFF under
 * a hostile name, and a 0.25 um/px TIFF at twice the coordinates; 51 tiles each).
 */
class RefineCommandsTest {
    static final int STORED = 153;
    static TestArchive data;
    static Path agent;

    @TempDir
    Path dir;

    @BeforeAll
    static void archive() throws Exception {
        data = TestArchive.indexed();
        agent = data.slide(TestArchive.AGENT);
    }

    record Row(int rank, double score, String slide, long x, long y) {
        String tile() {
            return slide + ":" + x + "," + y;
        }
    }

    @Test
    void notDemotesAResultAndAlsoPullsAnExamplesNeighboursUp() {
        List<Row> plain = search("--slide", agent.toString(), "--x", "1100", "--y", "1500", "-k", "" + STORED);
        assertEquals(STORED, plain.size());
        Row rejected = plain.get(3);
        List<Row> without = search("--slide", agent.toString(), "--x", "1100", "--y", "1500", "-k", "" + STORED,
                "--not", rejected.tile());
        int before = rank(plain, rejected);
        int after = rank(without, rejected);
        assertTrue(after > 10, "--not moves the rejected tile down: rank " + before + " -> " + after);
        for (Row above : plain.subList(0, before - 1)) {
            assertTrue(rank(without, above) < after, above + " stays above the rejected tile");
        }
        System.out.printf("search --not: the rejected tile went from rank %d to %d of %d%n", before, after, STORED);

        Row far = plain.get(STORED - 10);
        List<Row> itsNeighbours = search("--slide", far.slide(), "--x", "" + far.x(), "--y", "" + far.y(), "-k", "6").subList(1, 6);
        List<Row> with = search("--slide", agent.toString(), "--x", "1100", "--y", "1500", "-k", "" + STORED,
                "--also", far.tile());
        assertTrue(rank(with, far) <= 2, "the --also example itself: rank " + rank(with, far));
        for (Row neighbour : itsNeighbours) {
            assertTrue(rank(with, neighbour) < rank(plain, neighbour),
                    neighbour + " rises: " + rank(plain, neighbour) + " -> " + rank(with, neighbour));
            System.out.printf("search --also: a neighbour of the example went from rank %d to %d%n",
                    rank(plain, neighbour), rank(with, neighbour));
        }
    }

    @Test
    void heatMapGeoJsonHasEveryStoredTilePeakingAtTheQueryTile() throws Exception {
        Path out = dir.resolve("agent.geojson");
        String line = run(0, "heatmap", "--archive", data.archive.toString(), "--slide", agent.toString(),
                "--x", "1100", "--y", "1500", "--out", out.toString());
        assertEquals("heat map of 51 tiles of " + agent + ": similarity ", line.substring(0, line.indexOf(": similarity ") + 13));
        JsonArray features = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonArray("features");
        assertEquals(storedTilesOf(agent), features.size(), "one feature per stored tile");
        double best = -2;
        String bestCorner = null;
        for (JsonElement element : features) {
            JsonObject feature = element.getAsJsonObject();
            JsonObject properties = feature.getAsJsonObject("properties");
            assertEquals("tile", properties.get("objectType").getAsString());
            double similarity = properties.getAsJsonObject("measurements").get("similarity").getAsDouble();
            assertTrue(similarity >= -1 && similarity <= 1, "a cosine: " + similarity);
            JsonArray ring = feature.getAsJsonObject("geometry").getAsJsonArray("coordinates").get(0).getAsJsonArray();
            assertEquals(5, ring.size());
            if (similarity > best) {
                best = similarity;
                bestCorner = ring.get(0).toString();
            }
        }
        assertEquals("[898,1347]", bestCorner, "the query's own tile (containing 1100,1500) is the hottest");
        assertEquals(1.0, best, 1e-5);
    }

    @Test
    void onTheQuarterMicronCopyTheHottestTileIsAtTwiceTheCoordinates() {
        String line = run(0, "heatmap", "--archive", data.archive.toString(), "--slide", agent.toString(),
                "--x", "1100", "--y", "1500", "--on", data.slide(TestArchive.QUARTER).toString(),
                "--out", dir.resolve("quarter.geojson").toString());
        assertTrue(line.contains("hottest tile at x 1796, y 2694;"), line);
    }

    @Test
    void heatMapPictureIsTheThumbnailWithALegend() throws Exception {
        Path out = dir.resolve("pictures/agent.png");
        run(0, "heatmap", "--archive", data.archive.toString(), "--slide", agent.toString(), "--x", "1100", "--y", "1500",
                "--not", agent + ":898,1571", "--out", out.toString());
        BufferedImage picture = ImageIO.read(out.toFile());
        try (OpenSlideImage slide = OpenSlideImage.open(agent)) {
            BufferedImage thumbnail = slide.thumbnail(HeatMapPicture.sideFor(slide.width(), slide.height()));
            assertTrue(picture.getWidth() >= HeatMapPicture.MIN_WIDTH, "width " + picture.getWidth());
            assertEquals(Math.max(thumbnail.getWidth(), HeatMapPicture.MIN_WIDTH), picture.getWidth());
            assertTrue(picture.getHeight() > thumbnail.getHeight(), "the legend is below the slide");
        }
    }

    @Test
    void badExamplesFailInOneLine() {
        String slide = agent.toString();
        List<String> base = List.of("search", "--archive", data.archive.toString(), "--slide", slide, "--x", "1100", "--y", "1500");
        assertEquals("histoseek: --also '" + slide + ":898': expected SLIDE:X,Y or SLIDE:X,Y,W,H (level-0 pixels)",
                fail(base, "--also", slide + ":898"));
        assertEquals("histoseek: --not '" + slide + ":898,1347,-224,224': width and height must be positive",
                fail(base, "--not", slide + ":898,1347,-224,224"));
        assertEquals("histoseek: --also 'gone.svs:1,2': gone.svs: no such slide (not a file, nor a slide of archive "
                + data.archive + ")", fail(base, "--also", "gone.svs:1,2"));
        assertEquals("histoseek: " + dir.resolve("map.txt") + ": a heat map is written as FILE.geojson or FILE.png",
                fail(List.of("heatmap", "--archive", data.archive.toString(), "--slide", slide, "--x", "1", "--y", "1"),
                        "--out", dir.resolve("map.txt").toString()));
    }

    @Test
    void exportedGalleryLinksEachHitToItsSlidesHeatMapAndShowsTheScores() throws Exception {
        Path out = dir.resolve("gallery");
        run(0, "export", "--archive", data.archive.toString(), "--slide", agent.toString(), "--x", "1100", "--y", "1500",
                "-k", "9", "--not", agent + ":898,1571", "--out", out.toString());
        List<String> heatMaps;
        try (Stream<Path> files = Files.list(out)) {
            heatMaps = files.map(p -> p.getFileName().toString()).filter(n -> n.contains("heatmap")).sorted().toList();
        }
        assertEquals(3, heatMaps.size(), "one per hit slide: " + heatMaps);
        String html = Files.readString(out.resolve(HtmlGalleryWriter.FILE_NAME), StandardCharsets.UTF_8);
        Matcher cards = Pattern.compile("<div class=\"card\">.*?</div>\n").matcher(html);
        int hits = 0;
        while (cards.find()) {
            hits++;
            Matcher link = Pattern.compile("<a href=\"([^\"]+)\">heat map of this slide</a>").matcher(cards.group());
            assertTrue(link.find(), "every hit links its slide's heat map: " + cards.group());
            assertTrue(Files.isRegularFile(out.resolve(link.group(1))), link.group(1));
            assertTrue(ImageIO.read(out.resolve(link.group(1)).toFile()).getWidth() >= HeatMapPicture.MIN_WIDTH);
        }
        assertEquals(9, hits);
        assertTrue(html.contains("<svg class=\"histogram\""), "the scores' histogram");
        for (String remote : List.of("<script", "src=\"http", "href=\"http", "url(")) {
            assertTrue(!html.contains(remote), "offline, nothing from elsewhere: " + remote);
        }
    }

    private static int storedTilesOf(Path slide) {
        StringWriter out = new StringWriter();
        HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "tiles", "--archive", data.archive.toString());
        return (int) out.toString().lines().filter(l -> l.startsWith(slide + "\t")).count();
    }

    private static List<Row> search(String... query) {
        List<String> args = new ArrayList<>(List.of("search", "--archive", data.archive.toString()));
        args.addAll(Arrays.asList(query));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, status, err.toString());
        return out.toString().lines().map(l -> l.split("\t"))
                .map(f -> new Row(Integer.parseInt(f[0]), Double.parseDouble(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4])))
                .toList();
    }

    private static int rank(List<Row> rows, Row tile) {
        return rows.stream().filter(r -> r.slide().equals(tile.slide()) && r.x() == tile.x() && r.y() == tile.y())
                .mapToInt(Row::rank).findFirst().orElse(Integer.MAX_VALUE);
    }

    private static String run(int expected, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(expected, status, err.toString());
        return out.toString().strip();
    }

    private static String fail(List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(Arrays.asList(more));
        StringWriter err = new StringWriter();
        int status = HistoseekCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(1, status, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
        return err.toString().strip();
    }
}
