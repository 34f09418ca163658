package io.histoseek.app.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.histoseek.app.SharedTestData;
import io.histoseek.index.heatmap.HeatMap;
import io.histoseek.index.heatmap.HeatScale;
import io.histoseek.index.heatmap.HeatTile;
import io.histoseek.index.slide.SlideImagePool;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import io.histoseek.index.tile.TileGrid;
import io.histoseek.index.tile.TilePosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heat maps leaving the app: the PNG over a real slide's thumbnail, the GeoJSON QuPath reads,
 * the score histogram, and the gallery's heat map per hit slide. The map is made here from the
 * slide's real tile grid (similarity falls with the distance from one tile), so these tests need
 * no archive; the archive's own heat maps are tested through the CLI.
 */
class HeatMapExportTest {
    static final Path SLIDE = SharedTestData.slides().resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif");
    static HeatMap map;
    static TilePosition hot;
    static long slideWidth;
    static long slideHeight;

    @TempDir
    Path dir;

    @BeforeAll
    static void mapOverTheRealGrid() throws Exception {
        try (OpenSlideImage slide = OpenSlideImage.open(SLIDE)) {
            List<TilePosition> tiles = TileGrid.plan(slide, slide.scale()).tiles();
            hot = tiles.get(tiles.size() / 2);
            map = HeatMap.of(tiles.stream().map(t -> new HeatTile(t.x(), t.y(), t.size(),
                    (float) (1 - Math.hypot(t.x() - hot.x(), t.y() - hot.y()) / 3000))).toList());
            slideWidth = slide.width();
            slideHeight = slide.height();
        }
    }

    @Test
    void pictureIsTheThumbnailWithColouredTilesAndALegend() throws Exception {
        try (SlideImagePool slides = new SlideImagePool(OpenSlideImage::open, 2)) {
            SlidePicture thumbnail = new SlideTileRenderer(slides).thumbnail(SLIDE, HeatMapPicture.PICTURE_SIDE).orElseThrow();
            BufferedImage picture = HeatMapPicture.render(thumbnail, map);
            assertEquals(thumbnail.image().getWidth(), picture.getWidth());
            assertTrue(picture.getWidth() >= HeatMapPicture.MIN_WIDTH, "width " + picture.getWidth());
            assertEquals(thumbnail.image().getHeight() + HeatMapPicture.LEGEND_HEIGHT, picture.getHeight());
            int x = (int) ((hot.x() + hot.size() / 2.0) * thumbnail.scaleX());
            int y = (int) ((hot.y() + hot.size() / 2.0) * thumbnail.scaleY());
            int under = thumbnail.image().getRGB(x, y);
            int expected = blend(HeatScale.argb(1), under, HeatScale.OPACITY);
            assertColour(expected, picture.getRGB(x, y), "the hottest tile is the top colour over the tissue");
            int legendY = thumbnail.image().getHeight() + 12;
            assertColour(HeatScale.argb(0), picture.getRGB(10, legendY), "legend starts at the lowest colour");
            assertColour(HeatScale.argb(1), picture.getRGB(picture.getWidth() - 10, legendY), "and ends at the highest");
        }
    }

    @Test
    void aNarrowSlideIsDrawnAtLeast256Wide() {
        BufferedImage narrow = new BufferedImage(60, 600, BufferedImage.TYPE_INT_RGB);
        HeatMap one = HeatMap.of(List.of(new HeatTile(0, 0, 100, 0.5f)));
        BufferedImage picture = HeatMapPicture.render(new SlidePicture(narrow, 600, 6000), one);
        assertEquals(HeatMapPicture.MIN_WIDTH, picture.getWidth());
        assertEquals(2560 + HeatMapPicture.LEGEND_HEIGHT, picture.getHeight());
        assertEquals(2560, HeatMapPicture.sideFor(600, 6000));
        assertEquals(HeatMapPicture.PICTURE_SIDE, HeatMapPicture.sideFor(6000, 600));
    }

    @Test
    void geoJsonHasOneQuPathTilePerStoredTileWithItsSimilarity() throws Exception {
        StringWriter out = new StringWriter();
        HeatMapGeoJson.write(map, out);
        JsonArray features = JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonArray("features");
        assertEquals(map.tiles().size(), features.size());
        for (int i = 0; i < features.size(); i++) {
            JsonObject feature = features.get(i).getAsJsonObject();
            HeatTile tile = map.tiles().get(i);
            assertEquals("Polygon", feature.getAsJsonObject("geometry").get("type").getAsString());
            JsonArray ring = feature.getAsJsonObject("geometry").getAsJsonArray("coordinates").get(0).getAsJsonArray();
            assertEquals(5, ring.size());
            assertEquals(tile.x(), ring.get(0).getAsJsonArray().get(0).getAsLong());
            assertEquals(tile.y() + tile.size(), ring.get(2).getAsJsonArray().get(1).getAsLong());
            JsonObject properties = feature.getAsJsonObject("properties");
            assertEquals("tile", properties.get("objectType").getAsString());
            assertEquals(tile.similarity(), properties.getAsJsonObject("measurements").get("similarity").getAsFloat(), 1e-6f);
        }
    }

    @Test
    void histogramIsWellFormedSvgWithOneBarPerBinCountingEveryHit() throws Exception {
        List<Double> scores = List.of(0.91, 0.90, 0.90, 0.85, 0.70, 0.70, 0.70, 0.50);
        String svg = ScoreHistogram.svg(scores);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ScoreHistogram.BINS, doc.getElementsByTagName("rect").getLength());
        int[] counts = ScoreHistogram.counts(scores, 0.5, 0.91);
        assertEquals(1, counts[0]);                     // 0.50
        assertEquals(3, counts[(int) (0.2 / 0.41 * 20)]);  // the three 0.70
        assertEquals(3, counts[ScoreHistogram.BINS - 1]);  // 0.90, 0.90, 0.91
        assertEquals(8, java.util.Arrays.stream(counts).sum());
        assertTrue(svg.contains("0.5000") && svg.contains("0.9100"), "both ends numbered");
    }

    @Test
    void galleryLinksEachHitToItsSlidesHeatMapAndShowsTheScores() throws Exception {
        Path other = dir.resolve("other.svs");
        Files.copy(SharedTestData.slides().resolve("CMU-1-Small-Region.svs"), other);
        GalleryTile query = GalleryTile.query(SLIDE, hot.x(), hot.y(), hot.size(), hot.size(), OptionalDouble.of(0.499));
        List<GalleryTile> hits = List.of(
                new GalleryTile(1, 1.0, SLIDE, hot.x(), hot.y(), hot.size(), hot.size(), OptionalDouble.of(0.499)),
                new GalleryTile(2, 0.8, other, 0, 0, 224, 224, OptionalDouble.of(0.499)),
                new GalleryTile(3, 0.7, SLIDE, 0, 0, 224, 224, OptionalDouble.of(0.499)));
        Path out = dir.resolve("out");
        try (SlideImagePool slides = new SlideImagePool(OpenSlideImage::open, 4)) {
            // only the query's slide has a heat map here; the other slide's hit gets no link
            new GalleryExporter(new SlideTileRenderer(slides), slide -> slide.equals(SLIDE) ? Optional.of(map) : Optional.empty())
                    .export(new ResultGallery(query, hits), out);
        }
        String name = "heatmap-CMU-1-Small-Region_generic-tiled-0.5mpp.png";
        BufferedImage png = ImageIO.read(out.resolve(name).toFile());
        assertTrue(png.getWidth() >= HeatMapPicture.MIN_WIDTH);
        String html = Files.readString(out.resolve(HtmlGalleryWriter.FILE_NAME));
        Matcher cards = Pattern.compile("<div class=\"card\">.*?</div>\n").matcher(html);
        int linked = 0;
        while (cards.find()) {
            String card = cards.group();
            boolean ofSlide = card.contains("title=\"" + SLIDE + "\"");
            assertEquals(ofSlide, card.contains("<a href=\"" + name + "\">"), "link only on the hits of that slide: " + card);
            linked += ofSlide ? 1 : 0;
        }
        assertEquals(2, linked);
        assertTrue(html.contains("<svg class=\"histogram\""), "the scores' histogram is inline");
        assertTrue(!html.contains("<script") && !html.contains("src=\"http"), "offline: no script, nothing fetched");
        try (var files = Files.list(out)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().contains("heatmap")).count());
        }
    }

    private static int blend(int top, int under, double alpha) {
        int r = (int) Math.round((top >> 16 & 255) * alpha + (under >> 16 & 255) * (1 - alpha));
        int g = (int) Math.round((top >> 8 & 255) * alpha + (under >> 8 & 255) * (1 - alpha));
        int b = (int) Math.round((top & 255) * alpha + (under & 255) * (1 - alpha));
        return r << 16 | g << 8 | b;
    }

    private static void assertColour(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertEquals(expected >> shift & 255, actual >> shift & 255, 3.0, what + String.format(": %06x vs %06x", expected & 0xffffff, actual & 0xffffff));
        }
    }
}
