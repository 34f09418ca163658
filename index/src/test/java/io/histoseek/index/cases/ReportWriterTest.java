package io.histoseek.index.cases;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.histoseek.index.cases.report.Report;
import io.histoseek.index.cases.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    @TempDir
    Path temp;

    private static Ballot b(String label, double score) {
        return new Ballot(label, (float) score);
    }

    private static Evaluation evaluation() {
        List<QueryResult> queries = List.of(
                new QueryResult("slides/a1.svs", new CaseLabel("adeno", "P1"), List.of(b("adeno", .9), b("adeno", .8), b("squamous", .7))),
                new QueryResult("slides/a2.svs", new CaseLabel("adeno", "P2"), List.of(b("squamous", .9), b("adeno", .8), b("squamous", .7))),
                new QueryResult("slides/s1.svs", new CaseLabel("squamous", "P3"), List.of(b("squamous", .9), b("squamous", .85), b("adeno", .7))),
                new QueryResult("slides/\"odd\", name.svs", new CaseLabel("normal", "P4"), List.of()));
        return Evaluation.of(Evaluation.Level.SLIDE, List.of(1, 3), OptionalDouble.of(0.7), queries);
    }

    @Test
    void writesAnOfflinePageAMatrixPerKTheQueriesAndEveryFigure() throws IOException {
        Evaluation e = evaluation();
        Path out = temp.resolve("report");
        List<Path> files = ReportWriter.write(new Report("Archive evaluation", List.of(new Report.Parameter("archive", "/data/<arch>")), e), out);
        assertEquals(List.of("index.html", "confusion-k1.png", "confusion-k3.png", "per-query.csv", "summary.json"),
                files.stream().map(f -> f.getFileName().toString()).toList());

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("/data/&lt;arch&gt;"), "parameters escaped");
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("<script"), "nothing fetched, nothing run");
        Matcher sources = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (sources.find()) {
            assertTrue(sources.group(1).startsWith("data:image/png;base64,"), sources.group(1));
            images++;
        }
        assertEquals(2, images);
        for (Evaluation.AtK at : e.atK()) {
            assertTrue(html.contains(Figures.format(at.accuracy())));
            assertTrue(html.contains(Figures.format(at.majorityVote().orElseThrow())));
        }

        for (int k : List.of(1, 3)) {
            BufferedImage png = ImageIO.read(out.resolve("confusion-k" + k + ".png").toFile());
            assertNotNull(png);
            assertTrue(png.getWidth() > 200 && png.getHeight() > 200);
        }

        List<String> csv = Files.readAllLines(out.resolve("per-query.csv"));
        assertEquals(5, csv.size());
        assertEquals("query,case,truth,best_score,predicted@1,agreement@1,votes@1,correct@1,abstained@1,"
                + "predicted@3,agreement@3,votes@3,correct@3,abstained@3", csv.get(0));
        assertEquals("slides/a2.svs,P2,adeno,0.900000,squamous,1.0000,squamous=1,0,0,squamous,0.6667,\"squamous=2,adeno=1\",0,1", csv.get(2));
        assertEquals("\"slides/\"\"odd\"\", name.svs\",P4,normal,,,0.0000,,0,1,,0.0000,,0,1", csv.get(4));

        // Parsed, not searched: a missing comma or bracket fails here.
        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals("slide", summary.get("level").getAsString(), summary.toString());
        assertEquals(4, summary.get("queries").getAsInt());
        assertEquals(0.7, summary.get("min_agreement").getAsDouble(), 1e-9);
        JsonObject atThree = null;
        for (var element : summary.getAsJsonArray("at_k")) {
            if (element.getAsJsonObject().get("k").getAsInt() == 3) atThree = element.getAsJsonObject();
        }
        assertNotNull(atThree, summary.toString());
        assertEquals(e.at(3).accuracy(), atThree.get("accuracy").getAsDouble(), 1e-6);
        assertEquals("[[1,0,1,0],[0,0,0,1],[0,0,1,0]]", atThree.getAsJsonObject("confusion").get("counts").toString());
    }

    @Test
    void anUnwritableFolderIsOneLine() throws IOException {
        Path file = Files.writeString(temp.resolve("taken"), "a file");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.write(new Report("t", List.of(), evaluation()), file));
        assertTrue(e.getMessage().startsWith(file + ": cannot write the report"), e.getMessage());
    }
}
