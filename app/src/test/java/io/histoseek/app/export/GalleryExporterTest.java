package io.histoseek.app.export;

import io.histoseek.app.SharedTestData;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.histoseek.app.gui.GuiTestSupport;
import io.histoseek.index.slide.SlideImagePool;
import io.histoseek.index.slide.openslide.OpenSlideImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export writers on real slide pixels, with a hostile slide name and a slide that is gone. */
class GalleryExporterTest {
    private static final String HOSTILE = "<svg onload=alert('x')> & \"co\", =1+1.tif";

    @TempDir
    Path dir;

    @Test
    void writesEscapedParsableFilesAndAPlaceholderForAMissingSlide() throws Exception {
        Path real = SharedTestData.slides().resolve("constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif");
        Path hostile = dir.resolve(HOSTILE);
        Files.copy(SharedTestData.slides().resolve("constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif"), hostile);
        Path gone = dir.resolve("gone.svs");
        GalleryTile query = GalleryTile.query(hostile, 898, 1347, 224, 224, OptionalDouble.of(0.499));
        List<GalleryTile> hits = List.of(
                new GalleryTile(1, 0.98, real, 1796, 2693, 449, 449, OptionalDouble.of(0.2495)),
                new GalleryTile(2, 0.91, hostile, 898, 1796, 224, 224, OptionalDouble.of(0.499)),
                new GalleryTile(3, 0.90, gone, 0, 0, 224, 224, OptionalDouble.empty()));
        Path out = dir.resolve("out");
        try (SlideImagePool slides = new SlideImagePool(OpenSlideImage::open, 4)) {
            new GalleryExporter(new SlideTileRenderer(slides)).export(new ResultGallery(query, hits), out);
        }

        BufferedImage hit1 = ImageIO.read(out.resolve("hit-001.png").toFile());
        assertEquals(GalleryExporter.TILE_PIXELS, hit1.getWidth(), "a 449 px tile at 0.25 um/px is shown at 224 px");
        assertTrue(isTissueColoured(hit1), "real pixels, not a blank");
        assertFalse(isTissueColoured(ImageIO.read(out.resolve("hit-003.png").toFile())), "the missing slide's picture is the grey placeholder");

        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(4, csv.size());
        assertEquals("2,0.9100,\"" + hostile.toString().replace("\"", "\"\"") + "\",898,1796,224,224,0.4990", csv.get(2));
        assertTrue(csv.get(3).endsWith(",0,0,224,224,"), "unknown mpp is an empty field: " + csv.get(3));

        String html = Files.readString(out.resolve("index.html"));
        assertFalse(html.contains("<svg onload"), "no markup from a file name gets through");
        assertTrue(html.contains("&lt;svg onload=alert(&#39;x&#39;)&gt; &amp; &quot;co&quot;, =1+1.tif"));
        assertTrue(html.contains("slide file missing"));
        assertFalse(html.contains("src=\"http"), "nothing is fetched from the network");

        List<Path> geojson;
        try (var files = Files.list(out)) {
            geojson = files.filter(f -> f.toString().endsWith(".geojson")).sorted().toList();
        }
        assertEquals(3, geojson.size(), "one file per slide with hits: " + geojson);
        List<Integer> ranks = new java.util.ArrayList<>();
        for (Path file : geojson) {
            JsonObject collection = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            JsonArray features = collection.getAsJsonArray("features");
            for (var element : features) {
                JsonObject properties = element.getAsJsonObject().getAsJsonObject("properties");
                assertEquals("annotation", properties.get("objectType").getAsString());
                ranks.add(properties.get("rank").getAsInt());
            }
        }
        assertEquals(List.of(1, 2, 3), ranks.stream().sorted().toList(), "each hit once, with its rank");
        JsonObject hostileFeature = JsonParser.parseString(Files.readString(geojson.stream()
                .filter(f -> f.getFileName().toString().startsWith("svg_onload")).findFirst().orElseThrow()))
                .getAsJsonObject().getAsJsonArray("features").get(0).getAsJsonObject();
        assertEquals(hostile.toString(), hostileFeature.getAsJsonObject("properties").get("slide").getAsString());
        JsonArray ring = hostileFeature.getAsJsonObject("geometry").getAsJsonArray("coordinates").get(0).getAsJsonArray();
        assertEquals("[[898,1796],[1122,1796],[1122,2020],[898,2020],[898,1796]]", ring.toString());
    }

    private static boolean isTissueColoured(BufferedImage image) {
        long pinkish = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 255;
                int g = rgb >> 8 & 255;
                if (r - g > 30) {
                    pinkish++;
                }
            }
        }
        return pinkish > 100;
    }
}
