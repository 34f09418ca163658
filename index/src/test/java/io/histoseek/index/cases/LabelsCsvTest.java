package io.histoseek.index.cases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelsCsvTest {
    @TempDir
    Path temp;

    @Test
    void readsColumnsByHeaderWithQuotingAndReportsUnusableRows() throws IOException {
        Path file = Files.writeString(temp.resolve("labels.csv"), "\uFEFFCase,Slide,extra,Label\r\n"
                + "P1,a/one.svs,x,adenocarcinoma\r\n"
                + ",two.svs,,\"squamous, keratinizing\"\r\n"
                + "\r\n"
                + "P3,\"three \"\"quoted\"\".svs\",,normal\n"
                + "P4,,,normal\n"
                + "P5,five,,\n"
                + "\"P6\nsecond line\",six,, tumour \n");
        LabelsCsv.Parsed parsed = LabelsCsv.read(file);
        assertEquals(List.of(
                new LabelsCsv.Row(2, "a/one.svs", "adenocarcinoma", "P1"),
                new LabelsCsv.Row(3, "two.svs", "squamous, keratinizing", null),
                new LabelsCsv.Row(5, "three \"quoted\".svs", "normal", "P3"),
                new LabelsCsv.Row(8, "six", "tumour", "P6\nsecond line")), parsed.rows());
        assertEquals(List.of(file + ":6: no slide; row skipped", file + ":7: five: no label; row skipped"), parsed.problems());
    }

    @Test
    void aFileWithoutTheColumnsIsOneLine() throws IOException {
        Path file = Files.writeString(temp.resolve("l.csv"), "name,diagnosis\na,b\n");
        assertEquals(file + ": the header must name the columns slide and label (and optionally case), found name,diagnosis",
                assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(file)).getMessage());
        Path empty = Files.writeString(temp.resolve("e.csv"), "");
        assertEquals(empty + ": empty; expected a header line slide,label,case",
                assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(empty)).getMessage());
        Path latin = Files.write(temp.resolve("latin.csv"), new byte[] {'s', 'l', 'i', 'd', 'e', ',', 'l', 'a', 'b', 'e', 'l', '\n', 'a', ',', (byte) 0xE9, '\n'});
        assertEquals(latin + ": not UTF-8 text (save the labels as CSV UTF-8)",
                assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(latin)).getMessage());
        Path open = Files.writeString(temp.resolve("o.csv"), "slide,label\n\"a,b\n");
        assertEquals(open + ":2: a quote opened here is never closed",
                assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(open)).getMessage());
        Path missing = temp.resolve("missing.csv");
        assertEquals(missing + ": cannot read (no such file)", assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(missing)).getMessage());
    }

    @Test
    void slidesAreFoundByPathNameOrStemUnlessAmbiguous() {
        List<String> stored = List.of("lung/A-1.svs", "lung/B-2.svs", "colon/B-2.svs", "colon/C-3.ndpi", "colon/C-3.svs");
        Map<String, String> paths = Map.of("/slides/lung/A-1.svs", "lung/A-1.svs");
        SlideNames names = new SlideNames(stored, given -> stored.contains(given) ? Optional.of(given) : Optional.ofNullable(paths.get(given)));
        assertEquals(new SlideNames.Found("colon/B-2.svs"), names.find("colon/B-2.svs"));
        assertEquals(new SlideNames.Found("lung/A-1.svs"), names.find("/slides/lung/A-1.svs"));
        assertEquals(new SlideNames.Found("lung/A-1.svs"), names.find("A-1.svs"));
        assertEquals(new SlideNames.Found("lung/A-1.svs"), names.find("A-1"));
        assertEquals(new SlideNames.Found("colon/C-3.ndpi"), names.find("C-3.ndpi"));
        assertEquals(new SlideNames.Ambiguous("B-2.svs", List.of("lung/B-2.svs", "colon/B-2.svs")), names.find("B-2.svs"));
        assertEquals(new SlideNames.Ambiguous("C-3", List.of("colon/C-3.ndpi", "colon/C-3.svs")), names.find("C-3"));
        assertEquals(new SlideNames.Unknown("D-4"), names.find("D-4"));
        assertEquals(new SlideNames.Unknown("other/A-1.svs"), names.find("other/A-1.svs"));
    }
}
