package io.histoseek.app.export;

import io.histoseek.app.TestArchive;
import io.histoseek.app.cli.HistoseekCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `histoseek export` end to end on an archive indexed with the tiny model: every file it promises, parsed. */
class ExportCommandTest {
    @TempDir
    Path out;

    @Test
    void exportsAGalleryOfTheSameTissueInTheOtherCopies() throws Exception {
        TestArchive archive = TestArchive.indexed();
        Path query = archive.slide(TestArchive.AGENT);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int status = HistoseekCommand.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                "export", "--archive", archive.archive.toString(), "--slide", query.toString(),
                "--x", "1100", "--y", "1500", "-k", "6", "--exclude-same-slide", "--out", out.toString());
        assertEquals(0, status, stderr.toString());

        List<String> csv = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals(CsvResultsWriter.HEADER, csv.getFirst());
        assertEquals(7, csv.size(), "header and 6 hits: " + csv);
        for (String row : csv.subList(1, csv.size())) {
            assertFalse(row.contains(TestArchive.AGENT), "own slide excluded: " + row);
        }
        String top = csv.get(1);
        assertTrue(top.startsWith("1,"), top);
        assertTrue(top.contains(TestArchive.QUARTER) || top.contains("onerror"), "the top hit is a copy of the same tissue: " + top);
        assertTrue(Files.size(out.resolve("query.png")) > 1000);
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(6, names.stream().filter(n -> n.matches("hit-\\d{3}\\.png")).count(), names.toString());
            // One GeoJSON per slide with hits (the slide is the CSV's third column; names with commas are quoted).
            long hitSlides = csv.subList(1, csv.size()).stream()
                    .map(row -> row.replaceFirst("^\\d+,[^,]+,", "").replaceFirst(",\\d+,\\d+,\\d+,\\d+,[^,]*$", "")).distinct().count();
            assertEquals(hitSlides, names.stream().filter(n -> n.endsWith(".geojson")).count(), names + " for " + csv);
        }

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("data:image/png;base64,"), "pictures are inline: the page opens offline");
        assertFalse(html.contains("<img src=x"), "a hostile slide name is never raw HTML");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;, &#39;x&#39;.tif"), "it is escaped");
        assertTrue(html.contains("\u00b5m</div>"), "hits carry a scale bar");
    }

    @Test
    void badInputIsOneLineNamingTheFile() throws Exception {
        StringWriter stderr = new StringWriter();
        int status = HistoseekCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true),
                "export", "--archive", out.resolve("nope").toString(), "--slide", "x.svs", "--x", "1", "--y", "1",
                "--out", out.resolve("o").toString());
        assertEquals(1, status);
        assertEquals("histoseek: " + out.resolve("nope") + ": no such archive folder", stderr.toString().strip());
    }
}
